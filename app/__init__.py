"""TeacherDesk: offline paperwork for K-12 teachers and counselors."""

__version__ = "0.1.0"
APP_NAME = "TeacherDesk"
