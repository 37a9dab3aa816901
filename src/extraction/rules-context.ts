// The context a drug mention sits in (lower case): stopped, held, historical, allergy — never
// scheduled — and the cues that make an instruction as-needed or too vague to schedule.

export type Status = 'active' | 'stopped' | 'history' | 'allergy';

// Words just before the drug, in its own clause: "stop ibuprofen", "previously on warfarin".
const STOP_BEFORE =
  /\b(?:stop|stopped|stopping|discontinue[ds]?|discontinuing|d\/c|cease|ceased|hold|held|withhold|withheld|omit|suspend(?:ed)?|do not (?:take|use|restart|start|give)|don'?t (?:take|use|restart|start)|not to (?:take|use)|never (?:take|use)|no more|no longer (?:take|taking|use)|instead of|in place of|switch(?:ed|ing)? (?:from|off)|change[ds]? from|come off|came off|coming off|wean(?:ed)? off)\s+(?:\S+\s+){0,3}$|\bavoid\s+(?:\S+\s+)?$/;
const HISTORY_BEFORE =
  /\b(?:previously(?: on| took| taking| tried| had)?|was on|were on|has been on|had been on|used to (?:take|be on)|tried|has tried|failed|history of|h\/o|hx of|already (?:on|taking)|currently (?:on|taking)|is on|is taking|while on|whilst on|while taking|whilst taking|after (?:finishing|completing|stopping)(?: the)?(?: course of)?|last year|years? ago|in the past)\s+(?:\S+\s+){0,3}$/;
const ALLERGY_BEFORE =
  /\b(?:allerg(?:y|ic|ies)(?: to)?|intoleran(?:t|ce)(?: of| to)?|sensitive to|reaction (?:to|with)|rash (?:with|to|from|after|on)|hives (?:with|to|from)|anaphylaxis (?:with|to|from)|swelling (?:with|to|from)|ci:|contraindicated)\s*(?:\S+\s+){0,2}$/;
// Words just after it: "ramipril stopped (cough)", "penicillin - rash", "amoxicillin last year".
const STOP_AFTER =
  /^[^;.]{0,40}?\b(?:stopped|discontinued|d\/c'?d|held|withheld|on hold|ceased|suspended|to be stopped|not to be (?:taken|used|given|restarted)|switched to|changed to|replaced (?:with|by))\b|^\s*[-–:]?\s*(?:hold|withhold|stop|omit|suspend)\b|^[^,;.?]{0,30}\?\s*(?:no|not)\b/;
const ALLERGY_AFTER =
  /^\s*(?:\(|-|–|:)?\s*(?:allergy|allergic|intoleran\w*|rash|hives|anaphylaxis|angioedema|swelling|sensitivity|reaction|ADR)\b|^[^,;.]{0,30}\b(?:caused|causing|causes|gave (?:him|her|them|me|you)?|made (?:him|her|them|me|you)|led to)\b/;
const PAST_AFTER =
  /^[^;.]{0,40}\b(?:last (?:year|month|week)|years? ago|months? ago|weeks? ago|in (?:19|20)\d\d|previously|in the past)\b/;
// A line or sentence whose label says it lists history or allergies.
const HISTORY_LABEL =
  /^\s*(?:dhx?|drug history|pmh|pmhx|past medical history|hx|past meds|previous meds|regular meds|current meds|meds on admission|sh)\s*[:\-–]/;
const ALLERGY_LABEL = /^\s*(?:allerg(?:y|ies)|adrs?|drug allerg(?:y|ies)|ci)\s*[:\-–]/;

/** The status the words around one mention give it; null when they give none. */
export function statusOf(before: string, after: string): Status | null {
  if (ALLERGY_BEFORE.test(before) || ALLERGY_AFTER.test(after)) return 'allergy';
  if (STOP_BEFORE.test(before) || STOP_AFTER.test(after)) return 'stopped';
  if (HISTORY_BEFORE.test(before) || PAST_AFTER.test(after)) return 'history';
  return null;
}

/** The status a whole sentence's label gives every drug in it. */
export function labelStatus(sentence: string): Status | null {
  if (ALLERGY_LABEL.test(sentence)) return 'allergy';
  if (HISTORY_LABEL.test(sentence)) return 'history';
  return null;
}

const PRN_RE =
  /\b(?:prn|p\.r\.n|as needed|as required|as req|when needed|when required|if needed|if required|as necessary|when necessary|if necessary|sos|as and when|when you need it|for breakthrough|breakthrough|if (?:pain|in pain|painful|fever|febrile|temp|wheez\w*|itch\w*|sick|nause\w*|vomit\w*|constipat\w*|breathless|short of breath|sob|anxious|unable to sleep|can'?t sleep|symptoms|symptomatic|headache|migraine|chest pain|hayfever)|for (?:pain|fever|headaches?|migraines?|itch\w*|nausea|wheeze|sleep|flare-?ups?|constipation|breathlessness|chest pain|angina|hay ?fever))\b/;
// "max 5 days" caps a course, not a dose: it makes nothing as-needed.
const MAX_RE =
  /\b(?:up to|max(?:imum)?\.?|no more than|not more than|not to exceed|not exceeding|at most)\s(?!(?:of\s+)?\d+\s*(?:days?|weeks?|months?)\b)/;

/** As needed: a limit, never a target to be reminded of. */
export const isAsNeeded = (s: string) => PRN_RE.test(s) || MAX_RE.test(s);

const VAGUE_RE =
  /\b(?:as directed|as advised|as instructed|as discussed|as explained|as per (?:\w+\s){0,3}|as before|as usual|as previously|per (?:protocol|clinic|leaflet|inr|chart|sliding scale)|according to|depending on|titrate\w*|up-?titrate|adjust\w*|increase (?:the dose )?(?:if|as|when|gradually|slowly)|increase by|reduce by|decrease by|reduce (?:gradually|slowly|as)|wean\w*|sliding scale|as tolerated|when you remember|use regularly|as much as you like|(?:after|until|once) (?:the |your |it |they |symptoms? )?(?:\w+ )?(?:has |have |is |are )?(?:cleared|clears|settled|settles|resolved|resolves|gone|healed|heals|better|improved))\b/;

/** Words that make any schedule a guess: "take as directed", "increase if needed". */
export const isVague = (s: string) => VAGUE_RE.test(s);

// "daily except Sundays", "apart from weekends", "not on methotrexate day", "3 mg on the other
// days": a schedule with an exception or a second dose on other days. Read without it, the drug
// would be reminded on the excepted days or the other dose lost, so it goes to the doctor. An
// "except on" that ends the drug's words is cut by the next drug's name ("except on methotrexate day").
const DAY_WORD = String.raw`(?:mon|tue|wed|thu|fri|sat|sun)\w*|weekends?|weekdays?|(?:methotrexate|mtx|dialysis|clinic|the same)\s+days?`;
const EXCEPTION_RE = new RegExp(
  String.raw`\b(?:except(?:\s+(?:on|for))?|apart\s+from|other\s+than|excluding|but\s+not(?:\s+on)?|not\s+on)\s+(?:the\s+)?(?:${DAY_WORD})\b|\b(?:except(?:\s+(?:on|for))?|apart\s+from|excluding)(?:\s+the)?\s*$|\b(?:on\s+)?(?:the\s+|all\s+)?(?:other|remaining)\s+days\b|\b(?:the\s+)?rest\s+of\s+the\s+(?:week|days)\b`,
);

/** The phrase that makes an exception to a schedule, or null. */
export const scheduleException = (s: string): string | null => EXCEPTION_RE.exec(s)?.[0].trim() ?? null;

// "if no better after 3 days, start doxycycline", "if allergic to penicillin, use clarithromycin",
// "alternatively …": a drug to start only on a condition, or in place of another. Scheduled, it
// would start today beside the first drug. An as-needed cue ("if pain") is not one of these.
const CONDITION_RE =
  /\b(?:if|should|in case)\s+(?:there is |it is |it's |you are |you're |the |your |his |her |symptoms? |it |things |this |rash |pain |cough )?(?:no |not |still |worse|worsen\w*|persist\w*|recur\w*|fail\w*|spread\w*|deteriorat\w*|doesn'?t |does not |don'?t |do not |isn'?t |is not |remain\w*|return\w*|come back|comes back)|\bif (?:allergic|intolerant|pregnant|breast-?feeding|unable|penicillin[- ]allergic)\b|\bfailing (?:that|this)\b|\bsecond[- ]line\b|\b(?:alternatively|as an alternative|or instead)\b|\bif (?:the )?(?:culture|swab|bloods?|results?|urine|inr|tests?|x-?ray|scan)\b/;

/** "use clarithromycin … instead": an alternative named after the drug ("instead of X" is a switch). */
export const insteadAfter = (s: string): boolean => /\binstead\b(?!\s+of\b)/.test(s);

/** Where the condition that makes what follows conditional starts, and its words ("if no better …"). */
export function conditionalCue(s: string): { at: number; words: string } | null {
  const m = CONDITION_RE.exec(s);
  if (!m) return null;
  const rest = s.slice(m.index);
  return { at: m.index, words: rest.slice(0, Math.min(40, rest.search(/[,;.]|$/))).trim() };
}
