"""The demo platform's written content, as plain data.

Every sentence here is what an issuer's author would type into the authoring workspace;
the loader (microcred.demo.loader) enters it through the same services.
"""

from . import (
    coaching,
    digital_citizenship,
    inclusive_design,
    literacy,
    mathematics,
    project_based_learning,
    remote_learning,
    social_emotional_learning,
    standalone,
)

STACKS = (
    remote_learning.STACK,
    project_based_learning.STACK,
    digital_citizenship.STACK,
    literacy.STACK,
    mathematics.STACK,
    social_emotional_learning.STACK,
    inclusive_design.STACK,
    coaching.STACK,
)
STANDALONE = standalone.MICRO_CREDENTIALS
