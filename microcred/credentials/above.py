"""What the credentials pages and APIs ask of the apps above them (see
microcred/answers.py).

The VC API's issue endpoint takes an organization's OAuth 2.0 API client as well as its
own `mc_` tokens; the authorization server and its clients live in connect, above."""

from microcred.answers import Answers

answers = Answers(
    issuing_organization="the organization an OAuth 2.0 bearer token on the request may "
    "sign credentials for through the VC API, and why not when it may not: "
    "(organization, None) or (None, (status, reason)) (connect)",
)
