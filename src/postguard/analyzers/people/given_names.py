"""Common given names across the cultures of the University's staff and students (the project's own list).
A backstop for the small NER model, which tags some names as places ("Amara Okafor" as GPE)."""

from __future__ import annotations

GIVEN_NAMES = frozenset(
    """
    aaron abdul abdullah abigail ada adam adebayo adriana ahmed aisha akira alan albert alex alexander alexandra
    ali alice alicia amara amelia amina amir amy ana andrea andrew angela anita anna anne anthony antonio aoife
    arjun arthur asha ayesha beatrice ben benjamin bilal carlos caroline catherine charles charlotte chen chidi
    chloe chris christine christopher claire clara daniel david deborah deepak diana diego dimitri dmitri dylan
    edward elena eleanor elizabeth ella emily emma eric esther ethan eva fatima felix fernando fiona francesca
    francis freya gabriel george georgia grace hamza hannah harry helen henry hiroshi hugo ibrahim imogen ines
    isaac isabel isabella ivan jack jacob james jane jasmine jason javier jennifer jessica joanna john jonathan
    jose joseph joshua juan julia julian karen karim katherine kate kavya kemi kenji kevin khalid kofi kwame
    laura lauren leila lena leo liam lily lin linda lucas lucia lucy luis luke mai manuel marco margaret maria
    mariam mark marta martin mary matthew mei mia michael michelle miguel mohammed mohammad muhammad nadia naomi
    natalia nathan neha nicholas nicola nina noah nora oliver olivia omar oscar patrick paul peter philip pierre
    priya rachel rahul raj rebecca richard robert rohan rosa rose ruth ryan sally sam samuel sara sarah sean
    sebastian sergei simon sofia sophia sophie stephen steven susan takeshi tariq thomas tim timothy tom tomas
    una victoria vikram william wei xavier yasmin yuki yusuf zainab zara zoe
    """.split()
)
