"""The 满意度 tab: questionnaires, the outpatient quota, results and the department score."""
