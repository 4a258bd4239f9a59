"""gunicorn's logger without the access lines of the respondents' pages: an access line keeps the
client's address, browser and the second a questionnaire came in, which the survey promises not to
keep (DESIGN: no IP, no user agent, no time finer than the day). Every other request is logged as
before. Used by the Procfile: `gunicorn --logger-class asskomm.prevention.survey.collection.accesslog.Logger`."""

from __future__ import annotations

import re

from gunicorn.glogging import Logger as GunicornLogger

RESPONDENT_PAGES = re.compile(r"^/k/[^/]+/befragung/")


class Logger(GunicornLogger):
    def access(self, resp, req, environ, request_time) -> None:
        if RESPONDENT_PAGES.match(environ.get("PATH_INFO") or ""):
            return
        super().access(resp, req, environ, request_time)
