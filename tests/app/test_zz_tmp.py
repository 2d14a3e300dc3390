from tests.app.helpers import page, texts, ROOT
from streamlit.testing.v1 import AppTest
from lib import vi
from lib.ui.nav import PAGES

def test_login(demo_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    print("EXC", at.exception)
    print([(w.label, w.key) for w in at.text_input])
    print([(b.label, b.key) for b in at.button])
    print(texts(at))
    at.text_input(key=None) if False else None
    [w for w in at.text_input if w.label == vi.LOGIN_USERNAME][0].input("quantri")
    [w for w in at.text_input if w.label == vi.LOGIN_PASSWORD][0].input("wrong")
    [b for b in at.button if b.label == vi.LOGIN_BUTTON][0].click().run()
    print("EXC", at.exception)
    print([e.value for e in at.error])
    [w for w in at.text_input if w.label == vi.LOGIN_PASSWORD][0].input("DonDoc@2026")
    [b for b in at.button if b.label == vi.LOGIN_BUTTON][0].click().run()
    print("EXC", at.exception, [t.value for t in at.title], [e.value for e in at.error])
    at.run()
    print("EXC", at.exception, [t.value for t in at.title], [e.value for e in at.error])
    print(at._registered_pages)
    for spec in PAGES:
        try:
            at.switch_page(spec.path)
            at.run()
            print(spec.key, "OK", [t.value for t in at.title])
        except ValueError as e:
            print(spec.key, "ERR", e)
