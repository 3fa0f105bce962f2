import { describe, expect, it } from "vitest";
import { MAX_COMMAND_CHARS, parseIntent } from "@/lib/agent/offline/intents";
import { MAX_MESSAGE_CHARS } from "@/lib/chatkit/schemas";

/**
 * Attacks on the offline grammar with the longest message the chat accepts. The grammar is a set
 * of regular expressions run in the request's thread: one that backtracks exponentially freezes
 * the server for everyone ("no wait " × 25 took 14 s before the undo pattern was rewritten), and a
 * word looked up in a plain object found Object's own members ("constructor" threw in date parsing).
 */
const TODAY = "2026-11-30";
const longest = (unit: string, tail = "§") => unit.repeat(Math.floor((MAX_MESSAGE_CHARS - tail.length) / unit.length)) + tail;

// Each unit repeats a word or phrase that an alternation in the grammar can read more than one way.
const UNITS = ["no wait ", "oops ", "never mind, ", "please ", "hey, ", "the ", "a, ", "add milk and ", "done - ", "tomorrow at 3pm ", "every day ", "'", "“x” ", "#1 ", "!! ", "- ", "x"];

describe("the offline grammar under attack", () => {
  it.each(UNITS)("reads %j repeated to the message limit in well under a second", (unit) => {
    for (const tail of ["§", "?", ""]) {
      const started = performance.now();
      parseIntent(longest(unit, tail), TODAY);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"])("treats %j as a word, not an object member", (word) => {
    for (const text of [`${word} - ${word}`, `${word}: ${word}`, `in ${word} days`, `add ${word} in ${word} weeks`, `the ${word} one`, `mark the ${word} as done`, `I ${word}ed it`]) {
      expect(() => parseIntent(text, TODAY)).not.toThrow();
    }
  });

  it("does not read a message longer than a command can be, and says so", () => {
    expect(parseIntent(`add ${"x".repeat(MAX_COMMAND_CHARS)}`, TODAY)).toMatchObject({ type: "clarify", message: expect.stringContaining("longer than I can read") });
    // Just under the limit it is read (here: a title too long for a task, which the grammar explains).
    expect(parseIntent(`add ${"x".repeat(MAX_COMMAND_CHARS - 10)}`, TODAY)).toMatchObject({ type: "clarify", message: expect.stringContaining("200 characters") });
  });

  it("still understands an undo behind interjections", () => {
    for (const text of ["undo", "no wait, undo that", "oops no wait undo", "never mind, take that back", "sorry, can you undo the last change"]) {
      expect(parseIntent(text, TODAY), text).toEqual({ type: "undo" });
    }
  });
});
