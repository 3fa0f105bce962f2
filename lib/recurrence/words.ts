import type { Recurrence } from "./rule";

const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
}

function list(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

const unit = (n: number, one: string) => (n === 1 ? one : `${n} ${one}s`);

/** The rule as a person would say it: "Every weekday", "Every 2 weeks on Monday and Thursday", "Every month on the 31st". */
export function recurrenceInWords(rule: Recurrence): string {
  const n = rule.interval ?? 1;
  switch (rule.every) {
    case "day":
      return n === 1 ? "Every day" : n === 2 ? "Every other day" : `Every ${n} days`;
    case "week": {
      const days = [...(rule.weekdays ?? [])].sort((a, b) => a - b);
      const head = n === 1 ? "Every" : n === 2 ? "Every other" : `Every ${n} weeks on`;
      if (days.join() === "1,2,3,4,5") return n === 1 ? "Every weekday" : `${head === "Every other" ? "Every other week on" : head} weekdays`;
      if (days.join() === "0,6") return n === 1 ? "Every weekend" : `${head === "Every other" ? "Every other week on" : head} weekends`;
      if (days.length === 0) return n === 1 ? "Every week" : `Every ${unit(n, "week")}`;
      const names = list(days.map((d) => WEEKDAY_NAMES[d]!));
      return n === 1 ? `Every ${names}` : n === 2 ? `Every other ${names}` : `${head} ${names}`;
    }
    case "month": {
      const on = rule.monthDay ? ` on the ${ordinal(rule.monthDay)}` : "";
      return `${n === 1 ? "Every month" : n === 2 ? "Every other month" : `Every ${n} months`}${on}`;
    }
    case "year": {
      const on = rule.month && rule.monthDay ? ` on ${MONTH_NAMES[rule.month - 1]} ${rule.monthDay}` : "";
      return `${n === 1 ? "Every year" : n === 2 ? "Every other year" : `Every ${n} years`}${on}`;
    }
  }
}
