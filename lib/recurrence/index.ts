export { completeRule, recurrenceSchema, RECURRENCE_UNITS, MAX_INTERVAL, type Recurrence, type RecurrenceInput, type RecurrenceUnit } from "./rule";
export { nextDueDate, occurrenceAfter } from "./next";
export { recurrenceInWords, ordinal } from "./words";
export { parseRecurrence, type RecurrenceMatch } from "./parse";
