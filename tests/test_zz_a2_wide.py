import pytest
from tests.test_prevention_analysis_a11y import _objects
from tests.fixtures.browser import log_in
pytestmark = pytest.mark.browser

JS = """[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 321 && !e.closest('.scroll'))
 .slice(0, 12).map(e => e.tagName + '.' + e.className + '#' + e.id + ':' + Math.round(e.getBoundingClientRect().right) + ' ' + (e.innerText||'').slice(0,60))"""

def test_wide(live_server, browser, committed):
    ids = _objects(committed)
    page = browser.new_context().new_page()
    log_in(page, live_server, "koordination.bautzen")
    page.set_viewport_size({"width": 320, "height": 900})
    for url in [f"{live_server}/k/bautzen/praevention/runden/{ids['cycle']}", f"{live_server}/k/bautzen/praevention/runden/{ids['old']}", f"{live_server}/k/zittau/"]:
        page.goto(url)
        print(url, page.evaluate("document.documentElement.scrollWidth"), page.evaluate(JS))
