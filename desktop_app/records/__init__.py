"""The plain frozen records that the services return and the printouts, reports and
screens show (and how a result reads in words): no database, no Qt."""
