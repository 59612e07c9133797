"""Professional standards the demo micro-credentials align to, with their real codes."""

from .schema import Standard

ISTE = "ISTE Standards for Educators"
ISTE_URL = "https://iste.org/standards/educators"
ISTE_COACHES = "ISTE Standards for Coaches"
ISTE_COACHES_URL = "https://iste.org/standards/coaches"
LEARNING_FORWARD = "Learning Forward Standards for Professional Learning (2022)"
LEARNING_FORWARD_URL = "https://learningforward.org/standards-for-professional-learning/"
CASEL = "CASEL SEL Framework"
CASEL_URL = "https://casel.org/fundamentals-of-sel/what-is-the-casel-framework/"
UDL = "CAST Universal Design for Learning Guidelines 3.0"
UDL_URL = "https://udlguidelines.cast.org/"
MATH_PRACTICE = "Common Core State Standards for Mathematical Practice"
MATH_PRACTICE_URL = "https://www.thecorestandards.org/Math/Practice/"
ELA = "Common Core State Standards for English Language Arts"
ELA_URL = "https://www.thecorestandards.org/ELA-Literacy/"
HLP = "High-Leverage Practices in Special Education (CEC and CEEDAR)"
HLP_URL = "https://highleveragepractices.org/"
INTASC = "InTASC Model Core Teaching Standards (CCSSO, 2013)"
ONLINE_TEACHING = "National Standards for Quality Online Teaching (2019)"


def iste(code: str, name: str) -> Standard:
    return Standard(ISTE, code, name, ISTE_URL)


def iste_coaches(code: str, name: str) -> Standard:
    return Standard(ISTE_COACHES, code, name, ISTE_COACHES_URL)


def learning_forward(name: str) -> Standard:
    # The 2022 standards are known by name; they carry no numbers.
    return Standard(LEARNING_FORWARD, "", name, LEARNING_FORWARD_URL)


def casel(competency: str) -> Standard:
    return Standard(CASEL, "", competency, CASEL_URL)


def udl(checkpoint: str, name: str) -> Standard:
    return Standard(UDL, checkpoint, name, UDL_URL)


def math_practice(number: int, name: str) -> Standard:
    return Standard(MATH_PRACTICE, f"CCSS.MATH.PRACTICE.MP{number}", name, MATH_PRACTICE_URL)


def ela(code: str, name: str) -> Standard:
    return Standard(ELA, f"CCSS.ELA-LITERACY.{code}", name, ELA_URL)


def hlp(number: int, name: str) -> Standard:
    return Standard(HLP, f"HLP {number}", name, HLP_URL)


def intasc(number: int, name: str) -> Standard:
    return Standard(INTASC, f"Standard {number}", name)


def online_teaching(letter: str, name: str) -> Standard:
    return Standard(ONLINE_TEACHING, f"Standard {letter}", name)
