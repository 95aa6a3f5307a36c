# ruff: noqa: E501 -- one cue per line reads better than regexes split across lines.
"""What each root cause sounds like in a salesperson's notes, as weighted regex cues.

Two kinds of cue. `said` is the failure described in words ("no next step",
"pitched features for 40 min"): evidence unless negated right before it
("wasn't a product pitch"). `skipped` is the good habit ("asked who signs",
"agreed a next step"): it is evidence only when negated or regretted ("didn't
ask who signs", "should have asked who signs"), and counts against the cause
when the seller says they did it ("we agreed a next step for Tuesday").

Patterns run on lower-cased text with straight quotes; a space in a pattern
matches any run of whitespace. Weights: ~3 a phrase that names the cause,
~1.5 a strong hint, under 1 a word that only adds up when it recurs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Cue:
    """One way a root cause shows up in notes."""

    regex: str
    weight: float
    habit: bool = False  # names the good habit: only its absence is evidence

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Compiled on first use: compiling all cues costs ~25 ms, kept off the app's start."""
        return compile_cue(self.regex)


def _flexible(regex: str) -> str:
    # Spaces outside [...] become \s+ so wrapped lines and double spaces still match.
    # " ?" (an optional space) becomes \s*.
    out: list[str] = []
    in_class = escaped = False
    for index, char in enumerate(regex):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == " " and not in_class:
            optional = regex[index + 1 : index + 2] == "?"
            out.append(r"\s*" if optional else r"\s+")
            continue
        elif char == "?" and not in_class and regex[index - 1 : index] == " ":
            continue
        out.append(char)
    return "".join(out)


def compile_cue(regex: str) -> re.Pattern[str]:
    """Compile a cue pattern with word edges and flexible whitespace."""
    return re.compile(rf"(?<!\w)(?:{_flexible(regex)})(?!\w)")


def said(regex: str, weight: float) -> Cue:
    """A cue that describes the failure itself."""
    return Cue(regex, weight)


def skipped(regex: str, weight: float) -> Cue:
    """A cue naming the good habit; evidence when it was not done."""
    return Cue(regex, weight, habit=True)


# Shared vocabulary. The apostrophe is optional because notes are typed fast.
_BOSS = (
    r"(dm|eb|decision[- ]?makers?|economic buyers?|boss(es)?|vp|svp|cfo|ceo|cio|coo|cto|md|"
    r"owner|board|management|execs?|executives?|leadership|c-suite|c-level|director|sponsor|"
    r"(person|people|one) who (signs|decides|signed|decided))"
)
_WE = r"(i|we|i'd|we'd|i've|we've)"
_SMALL = r"(\w+ ){0,3}"

NEGATION = re.compile(
    r"(?<!\w)(no|not|never|didn'?t|did not|don'?t|do not|doesn'?t|wasn'?t|weren'?t|"
    r"haven'?t|hadn'?t|had not|without|forgot( to)?|failed to|neglected to|skipped|"
    r"couldn'?t|nobody|no one|nothing|instead of|rather than|stopped|lack( of)?|zero|"
    r"should(n'?t|'ve| have)?|could('ve| have)|would('ve| have)|if (i|we)('d| had)|"
    r"wish(ed)? (i|we)|next time|need(ed)? to|have to|must|always|too late)(?!\w)"
)
"""Words that turn a described habit into a missed one (or into a regret)."""

FIRST_PERSON = re.compile(rf"(?<!\w){_WE}(?!\w)")

CUES: Mapping[str, tuple[Cue, ...]] = {
    "no-boundaries": (
        said(r"open[- ]ended", 2.0),
        said(r"(left|leave|leaving) (it|this|things|everything|the scope) (open|up to (them|you|the (client|customer)))", 2.5),
        said(r"(anything|everything|all) (is|was) (possible|on the table|open)", 2.5),
        said(r"(we'?re|we are|we were|i'?m|i was|be|being) (very |really |super |totally |so )?flexible", 1.5),
        said(r"(can|could) (do|tailor|customi[sz]e|build|shape) (whatever|anything|everything)", 2.0),
        said(r"blank (sheet|canvas|slate|page|cheque|check)", 2.0),
        said(r"what (would|do|did|should) (you|we) (actually |normally |usually )?(suggest|propose|recommend)", 2.0),
        said(r"(\w+ )?(is|are) (all )?different|it depends|depends on", 0.6),
        said(r"brainstorm\w*", 1.2),
        skipped(r"standard package|starter (option|package|tier)|starting (point|option|package)|(two|three|2|3) (or (three|four|3|4) )?(options|choices|packages|tiers)", 1.5),
        skipped(r"(defined|concrete|clear|specific) (choices|options|offer|proposal|package|path)", 1.5),
        skipped(r"propos\w* (a |an |one |two |three |some |any )?(concrete |specific |clear |defined |first )?(starting|start|pilot|first step|package|options?|offer|scope|plan)", 2.0),
        skipped(r"(put|had|bring|brought|prepar\w*|show\w*|gave|give) (\w+ )?(a |an |any )?(concrete |specific |clear |firm )?(offer|proposal|options|package|starting option|pricing tiers|menu)", 1.5),
    ),
    "missed-boss": (
        skipped(rf"(meet|met|meeting|reach\w*|talk\w* (to|with)|spok\w* (to|with)|speak\w* (to|with)|access to|in front of|get to|got to|engag\w*|involv\w*) (anyone in |anybody in |someone in |any of )?(the |their |his |her |its |our |any |a )?(real |actual |true |final |key |ultimate |right )?{_BOSS}", 2.5),
        skipped(r"ask\w* (them |him |her )?(who|how) (\w+ ){0,5}(signs?|decides?|decisions?|decided|approv\w*|sign[- ]?off|makes? the (final )?(call|decision)|is involved|involved|gets? decided|budget|owns)", 2.5),
        skipped(r"(knew|know) (she|he|they|this person|the boss) (existed|was involved|were involved|had a say)", 2.0),
        said(r"(no idea|didn'?t know|unclear|not sure|never found out|failed to (discover|find out)) who (\w+ ){0,3}(signs|decides|decision|makes|approves|holds|controls|was in charge)", 2.5),
        said(rf"(no|unknown|missing) {_BOSS}|{_BOSS} (was |is |remained |still )?(unknown|not identified|missing|absent|never (met|involved|showed))", 2.5),
        said(r"(take|took|taking|bring|brought|run|ran|pass\w*) (it|this) (upstairs|up the (chain|ladder|line))|(go|went|gone) (over|above) (his|her|their) head", 2.5),
        said(r"(\w+'s|his|her|their|my contact'?s|the champion'?s) (boss|manager|vp|superior|management|director)", 1.5),
        said(rf"(not|wasn'?t|isn'?t|weren'?t) (the |a |an )?(real |actual |final |ultimate |true )?({_BOSS}|buyer|one who (signs|decides))", 3.0),
        said(r"(far|high) enough up|above my contact|who sits above", 2.0),
        said(rf"(approv\w*|sign[- ]?off|signature|money|budget|go[- ]ahead) (\w+ ){{0,3}}(from|by) (the |her |his |their |its )?{_BOSS}", 2.0),
        said(r"(no|without|lack\w*|didn'?t have) (the |any )?(authority|power|budget authority|sign[- ]?off|signing authority)|authority", 1.2),
        said(r"(could|can) say no but (not|couldn'?t|can'?t) say yes", 3.0),
        said(r"single[- ]threaded|only (talked|spoke|dealt|met) (to|with) (one|the|a|her|him)", 2.0),
        said(r"decision[- ]?makers?|economic buyer|who (else )?(is|was|were) involved", 1.0),
        said(r"champion|technical (person|contact|buyer)", 0.5),
        said(r"(champion|contact|sponsor|engineer|developer|lead|analyst|users?|team) (\w+ ){0,3}(loved|liked|was sold|was on board|bought in|was keen|was excited|was thrilled)", 1.5),
        said(rf"{_BOSS} (\w+ ){0,2}(killed|vetoed|overruled|went (another|a different) way|picked|chose|decided|said no|pulled the plug|blocked)", 2.0),
    ),
    "avoided-hard-talk": (
        skipped(r"(talk|talked|talking|discuss\w*|rais\w*|bring up|brought up|address\w*|cover\w*|mention\w*|walk\w* (them )?through|explain\w*|admit\w*|prepar\w* for|conversations?) (about )?(\w+ ){0,3}(risks?|failures?|fail|worst[- ]case|downside|black swan|what (happens|would happen|could go wrong)|outages?|incidents?|rollback|contingenc\w*|liabilit\w*|gaps?|weakness\w*|limitations?|bad news)", 2.5),
        said(r"worst[- ]case|what (happens|would happen|could go wrong|if it goes wrong|goes wrong)|if (\w+ ){0,3}(fails|failed|goes wrong|go wrong|breaks)", 1.5),
        said(r"fail(ure|ures|ed|s)?|risks?|bad news", 0.4),
        said(r"avoid\w*|dodg\w*|skirt\w*|sidestep\w*|gloss\w* over|brush\w* (it |them )?(off|aside)|deflect\w*|steer\w* (\w+ )?(away|back)|changed the subject|sweep\w* (it )?under|sugar-?coat\w*|downplay\w*|side-?step\w*", 1.2),
        said(r"(difficult|hard|tough|uncomfortable|awkward|honest|candid|frank|real|open) (conversations?|talks?|questions?|truths?|topics?|discussions?)", 1.5),
        said(r"elephant in the room|(rock|rocking) the boat|(spook|scare|worry|alarm|frighten)\w* (them|the client|the customer|him|her)", 2.0),
        said(r"(it|that|this) (won'?t|will not|would never|never) (happen|be an issue|be a problem)", 2.0),
        said(r"(sort|deal with|handle|figure) (it|that|this) (out )?later|later in the process", 1.5),
        said(r"(didn'?t want to|afraid to|scared to|reluctant to|hesitant to|nervous to) (\w+ ){0,3}(bring|mention|raise|talk|admit|tell|discuss)", 2.5),
        said(r"outages?|incidents?|liabilit\w*|rollback|escalation", 1.0),
    ),
    "wrong-priority": (
        said(r"priorit\w*|deprioriti\w*", 1.5),
        said(r"(number|no\.?|#) ?(\d+|one|two|three|four|five|eight|ten) (on|in|of) (the |their |its )?(list|priorit\w*|board|agenda)|#\d+", 2.0),
        said(r"(on|down|low on|bottom of) (the|their) (list|agenda|pile)|back[- ]?burner|rounding error|bigger fish|other fires|more pressing|bigger (problems|issues|challenges|projects|price tags)", 2.0),
        said(r"(on|onto) (their|our|the|his|her) plate|bandwidth|competing (projects|initiatives|priorities)|other (initiatives|projects|programs|programmes)", 1.5),
        said(r"(too many|lots of|other|so many) (balls in (the )?air|things going on|fires|initiatives)|(too|so|very) busy|swamped", 1.5),
        skipped(r"ask\w* (\w+ ){0,3}(where|how) (this|it|we|our \w+) (ranks?|ranked|sits?|sat|fits?|fit|stands?|stood|falls?|fell)", 2.5),
        said(r"(where|how) (this|it|we) (ranks?|ranked|sits?|sat|stands?|stood)", 1.5),
        said(r"(budget|money|funding|attention) (went|goes|was moved|was redirected|got moved|was pulled) (to|into|elsewhere)", 2.0),
    ),
    "no-insight": (
        said(r"(new|fresh|big|bold|original) (ideas?|perspective|angle|thinking)", 1.5),
        said(r"challeng\w* (their|the customer'?s?|his|her|them|customers) (thinking|assumptions|plan|status quo|view|to think)", 2.0),
        said(r"already knew|knew all that|know all that|nothing (new|they didn'?t already know)|told them what they (already )?knew|nothing to add|(read|reading) (\w+ ){0,2}(annual report|website) (back|aloud)", 2.5),
        said(r"just another vendor|like every other vendor|me[- ]too|commodit\w*", 1.5),
        said(r"refram\w*|teach\w* (them|the customer)|taught (them|the customer)", 1.5),
        said(r"(zero|no|without|any) (new )?(ideas?|insight|point of view|perspective)", 2.0),
        said(r"(other|similar) (companies|firms|businesses|customers|clients|organi[sz]ations) (like (us|them|theirs) )?(are |were )?(doing|seeing|do)|(what|how) (others|peers|competitors) (are|were) doing", 1.5),
        skipped(r"(bring|brought|offer\w*|shar\w*|present\w*|had|came (in )?with|add\w*) (\w+ ){0,2}(ideas?|insights?|perspective|point of view|way of thinking)", 2.0),
        skipped(r"(bring|brought|shar\w*|tell|told|mention\w*) (them |it )?(up )?(what we('ve| have) seen|what we see|a pattern|a trend)", 1.5),
    ),
    "product-pitch": (
        said(r"product pitch|feature dump|product (tour|dump)|show[- ]and[- ]tell|show up and throw up|spray and pray", 1.2),
        said(r"(pitch\w*|talk\w*|present\w*|rattl\w*|walk\w* (them )?through|went through|focus\w* on|answered (\w+ ){0,2}with) (\w+ ){0,3}(features?|capabilit\w*|product|platform|solution|modules?|roadmap|company|deck|slides|specs)", 2.0),
        said(r"features?|capabilit\w*|specs|pitch\w*|technical details|expertise", 0.5),
        said(r"\d+ slides|(the|our|a|my|whole|long) (deck|slide deck|slides|powerpoint)", 1.2),
        said(r"(our|my) (history|awards|architecture|logos?|platform|product|solution|roadmap|modules?|company)", 0.6),
        said(r"demo\w*|demo'?d", 0.6),
        said(r"(about|on) (us|ourselves|our (product|company|platform|solution))(,)? (not|rather than|instead of) (about )?(them|their|the (customer|client|buyer))", 3.0),
        said(r"(every|each) (question|answer|objection|concern) (\w+ ){0,4}feature", 2.5),
        said(r"(looked|seemed|got|were) (bored|glazed)|bored", 0.8),
        skipped(r"(talk\w*|ask\w*|focus\w*|car\w*|learn\w*) (\w+ ){0,2}about (their|the customer'?s|the buyer'?s|his|her) (situation|goals|business|world|issues|problems|needs)", 1.5),
    ),
    "no-discovery": (
        said(r"assum\w*|presum\w*|guess\w*|took (it )?for granted", 1.5),
        said(r"discovery|fact[- ]find\w*", 1.2),
        said(r"(skip\w*|rush\w*|short\w*|light|weak|no|poor|skimp\w*|thin) (on )?(the |our )?(discovery|fact[- ]find\w*|qualification)", 2.5),
        skipped(r"ask\w* (\w+ ){0,3}(what (they|he|she|the customer|the client) (want|wanted|need|needed)|what success|about their (needs|goals|requirements)|(open|good|probing|discovery|follow-up|enough|real|the right|more) questions?|lots of questions|questions)", 2.0),
        said(r"stopped asking|misunderst\w*|misread|wrong (problem|assumption|need|guess)|got (it|their needs|them) wrong", 2.0),
        said(r"(jump\w*|rush\w*|went straight|leap\w*|skipp\w*) (straight )?(to|into) (a |the |our )?(solution|pitch|demo|proposal|pricing|quote)", 2.0),
        said(r"(told|tell|telling) them what their (problem|need|issue|pain)s? (was|were|is)", 2.5),
        said(r"(actually|really|only|just) (needed|wanted)|what (they|he|she|the customer|the client) (actually|really|truly) (want|need)\w*", 1.5),
        said(r"what success looks like|requirements|their needs", 0.5),
    ),
    "no-next-step": (
        said(r"no (\w+ )?(next )?steps? (agreed|set|booked)|no (clear |concrete |dated |agreed |firm |real )?next steps?", 3.0),
        said(r"next steps?", 0.8),
        said(r"(left|leave|leaving) (it|things|this) (open|hanging|there|vague|at that)", 2.5),
        said(r"(get|getting|got|come|came) back to (us|me)|(keep|stay|be) in touch|circle back|touch base|we'?ll see|go from there|let us know|(we|they)'?ll call", 1.8),
        said(r"ghost\w*|went (dark|cold|quiet|silent)|gone (dark|cold|quiet)|radio silence|silence|never heard back|unanswered|no (reply|response|answer)", 2.0),
        said(r"(no|without|never) (\w+ ){0,2}(date|meeting|call|follow[- ]?up|f/u) (\w+ ){0,2}(booked|scheduled|set|agreed|in the calendar)|no (date|f/u|follow[- ]?up)", 2.5),
        said(r"f/u|follow[- ]?ups?", 0.5),
        said(r"send (over )?(some |more |them )?(info|information|materials|something|a proposal|the deck|details)", 1.2),
        said(r"pin\w* (it |this |them |a date )?down|nail\w* (it )?down", 1.5),
        skipped(r"(agree\w*|book\w*|schedul\w*|set|lock\w*|put|got|secur\w*|fix\w*|ask\w* (for|to put)) (\w+ ){0,3}(next step|follow[- ]?up|meeting|call|date|time|workshop)", 2.0),
    ),
    "slow-decision": (
        said(r"procurement|legal|security (review|questionnaire|pack)|infosec|vendor onboarding|compliance|msa|redlines?|paperwork|purchase order|due diligence|paper process", 0.8),
        said(r"(stuck|stalled|waiting|sat|sitting|languish\w*|bogged down|held up|dragged) (\w+ ){0,2}(in|on|with|through) (procurement|legal|security|infosec|the contract|paperwork|approvals?|contracting)", 2.5),
        said(r"(implementation|onboarding|rollout|deployment) (plan|team|resources|support)|(no|standard) (security pack|templates)", 1.2),
        said(r"verbal (yes|commit\w*|agreement)|said yes", 1.5),
        said(r"(budget|fiscal) year (rolled|ended|closed)|lost the slot|(missed|lost) the (window|slot|budget cycle)|next fy", 2.0),
        said(r"(took|takes|needed|need) (\w+ ){0,2}(weeks|months) to|start (on )?monday|could start", 1.2),
        said(r"buying (process|steps)|mutual (action|close) plan|mapped their", 1.5),
    ),
    "brand-trust": (
        said(r"big[- ]name|big brand|(well[- ]known|familiar|known|name[- ]brand|recogni[sz]ed) (brand|name|vendor|logo|supplier|provider)|logo (she|he|they) recogni[sz]ed", 3.0),
        said(r"ibm|microsoft|oracle|salesforce|accenture|deloitte|mckinsey|pwc|kpmg|servicenow|workday|big (four|4)", 1.0),
        said(r"(went|go|going|chose|choose|picked|pick|selected|standardi[sz]\w*) (with |on |for )?(the )?(big|bigger|larger|established|incumbent|safer|safe|known|familiar|large)", 2.5),
        said(r"familiarity|legitimacy|credibility|track record|reputation|brand", 1.0),
        said(r"safe(r|st)? (choice|option|bet|pick)|nobody (ever )?(gets|got|will get) fired|(could|can) defend|defensible|(question|second-guess) that choice", 2.5),
        said(r"incumbent", 1.5),
        said(r"never heard of (us|our)|(didn'?t|don'?t) know (who we (are|were)|us|our name)", 2.5),
        said(r"(tiny|small|little|young|new|unknown) (start-?up|company|vendor|player|team|firm)|start-?up", 1.0),
        said(r"won'?t (exist|be around|survive)|(be|being|stay|still) around (in|long)|(too|very|so) (small|young|new|risky|unknown)|(the )?(experience|scale|size) to (handle|support)", 2.0),
        said(r"case stud\w*|references?|testimonials?|logos", 0.8),
        said(r"preferred (supplier|vendor)|parent company|approved vendor", 1.0),
    ),
    "poor-listening": (
        said(r"talk\w* (too much|(way )?more than|over (him|her|them)|right over)|(just )?(kept|keep) talking|couldn'?t stop talking|monologu\w*", 3.0),
        said(r"interrupt\w*|cut (him|her|them|\w+ )?off|talked over", 2.5),
        skipped(r"listen\w*(?! to (my|your|our|his|her) (gut|intuition|instinct))", 2.0),
        said(r"listen\w* (more|better|harder)", 1.5),
        said(r"\d{2} ?% of the (call|time|meeting|conversation)|talk(ing)?[- ]ratio|talk time", 2.0),
        said(r"(barely|hardly|never) (spoke|talked|said|got a word)|get a word in", 2.5),
        skipped(r"(let|letting) (the )?silence|(let|letting) (them|him|her|the \w+) (talk|speak|finish)", 2.0),
        said(r"answered questions (they|he|she) (hadn'?t|had not|didn'?t) ask\w*", 2.5),
        said(r"nervous|rambl\w*|blabb\w*|fill\w* the (silence|space|pause)|(dead|awkward) (air|space|silence)", 1.2),
    ),
    "no-urgency": (
        said(r"urgen\w*|compelling (event|reason)|why now|burning (platform|need|issue)", 2.0),
        said(r"nice[- ]to[- ]have", 2.5),
        said(r"status quo|do(ing)? nothing|cost of inaction|(works|working|worked) (well enough|fine|ok)", 1.5),
        said(r"no (\w+ )?(deadline|date|timeline|time ?frame|rush|hurry|reason to)|in no hurry", 2.0),
        said(r"(revisit|circle back|look again|pick (it|this) up|come back) (\w+ ){0,2}(in |next )?(q[1-4]|quarter|year|spring|summer|autumn|fall|january|later)", 2.5),
        said(r"not (a |an )?(urgent|pressing|burning)|mission[- ]critical|(next|later this) (year|quarter)|maybe later|someday|down the road", 1.2),
        said(r"timing (was |is )?(vague|unclear|off)|reason to (do it|act|change|move) (now|this (quarter|year))", 2.0),
    ),
    "no-value-case": (
        said(r"too (expensive|pricey|costly|much)|sticker shock|cheaper|lower price|undercut", 2.5),
        said(r"price\w*|pricing|costs?", 0.6),
        said(r"discount\w*", 1.5),
        said(r"roi|business case|payback|cost of (the problem|doing nothing|inaction|downtime)", 1.5),
        skipped(r"(quantif\w*|put (a |any )?(number|figure|price tag|euro|dollar) on|calculat\w*|buil\w* (out )?(a |the )?(business case|roi)|show\w* (them )?(the )?(cost|value|roi|savings)|attach\w* (a )?number)", 2.5),
        said(r"(had|have|with) no (numbers|figures|data|metrics)|no (numbers|figures)", 2.5),
        said(r"(lost|losing|lose) on price|(compar\w*|only) (on )?price|price was the only", 3.0),
        said(r"(costing|costs?|cost) (them|their|the business)", 1.5),
    ),
    "no-preparation": (
        said(r"(walk\w*|went|go|came|jump\w*) in (cold|blind|unprepared)|wing\w* it|winged it|unprepared|underprepared|(no|zero|without|lack of|didn'?t do (any |my )?) (\w+ )?(prep|preparation|homework|research)", 3.0),
        skipped(r"(do|did|done|doing) (their|my|our|your|the|any|some) homework|(take|took|taken) the time to (prepare|research|read|look)|(google|googled|research\w*) (the|their) (company|account|people|attendees)", 2.0),
        said(r"homework|diligence|prepar\w*|research\w*", 0.6),
        said(r"what (do|does) (you|you guys|your company|your firm|they|the company) (do|sell|make)", 2.0),
        skipped(r"(research\w*|prepar\w*|look\w* (them |him |her |it |any \w+ )?up|check\w*|read|googl\w*|do(ne)? (my|our) homework|review\w*) (\w+ ){0,3}(account|company|attendees|people|who (was|were) (attending|coming|on the call)|linkedin|website|homepage|annual report|crm|notes|email|background|beforehand|in advance)", 2.5),
        said(r"wrong name|(called|calling) (him|her|them|the \w+) (by )?the wrong|mispronounc\w*", 2.5),
        said(r"double[- ]booked|last[- ]minute|straight from another (call|meeting)|no time to prep\w*", 2.0),
        said(r"ask\w* (them |him |her )?what (they|the company|he|she) (do|does|sell|sells|make|makes)", 2.5),
        said(r"(did you|didn'?t|never) read (our|the|my) (email|brief|rfp|notes)", 2.0),
        said(r"(hadn'?t|had not|didn'?t|never) (even )?(looked|checked|read|opened)", 1.5),
        said(r"homepage|website|linkedin|annual report|crm", 0.5),
    ),
}  # fmt: skip


EXTERNAL_HINTS: tuple[re.Pattern[str], ...] = tuple(
    compile_cue(regex)
    for regex in (
        r"(budget|spending|hiring|headcount|capex) (freeze|frozen|cuts?|was cut|got cut)|froze (the |their |all )?(budget|spending)",
        r"re-?orgs?|reorgani[sz]\w*|restructur\w*|layoffs?|redundanc\w*|downsiz\w*",
        r"acquisition|acquired|merger|merged|taken over|takeover|bought by",
        r"new (ceo|cfo|cio|leadership|management|owner|owners)|leadership change|(ceo|cfo|cio) (left|resigned|quit)",
        r"bankrupt\w*|insolven\w*|went into administration|recession|pandemic|covid|lockdown",
        r"regulat\w* (change|changes|ban)|new (law|regulation)|funding (fell through|dried up)|lost (their|its) funding",
    )
)  # fmt: skip
"""Events the seller could not have prevented; a cause found with them is likely external."""
