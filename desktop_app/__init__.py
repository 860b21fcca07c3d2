"""服务群众工作台: the desktop program of a township health center's service office."""

APP_NAME = "服务群众工作台"
APP_ID = "fuwuqunzhong-gongzuotai"
__version__ = "0.1.0"
