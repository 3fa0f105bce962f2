import { describe, expect, it } from "vitest";
import { parseBlocks, parseInline, safeHref } from "@/components/chat/markdown-parse";

describe("parseInline", () => {
  it("bold, italic, strikethrough, code, links", () => {
    expect(parseInline("**bold** and *it* and ~~gone~~ and `a*b`")).toEqual([
      { type: "strong", children: [{ type: "text", text: "bold" }] },
      { type: "text", text: " and " },
      { type: "em", children: [{ type: "text", text: "it" }] },
      { type: "text", text: " and " },
      { type: "del", children: [{ type: "text", text: "gone" }] },
      { type: "text", text: " and " },
      { type: "code", text: "a*b" },
    ]);
    expect(parseInline("see [the list](/tasks) or https://example.com/x.")).toEqual([
      { type: "text", text: "see " },
      { type: "link", href: "/tasks", children: [{ type: "text", text: "the list" }] },
      { type: "text", text: " or " },
      { type: "link", href: "https://example.com/x", children: [{ type: "text", text: "https://example.com/x" }] },
      { type: "text", text: "." },
    ]);
  });

  it("leaves unsafe links, snake_case and unclosed markers as text", () => {
    expect(parseInline("[click](javascript:alert(1))")).toEqual([{ type: "text", text: "click" }]);
    expect(parseInline("[x](//evil.example.com)")).toEqual([{ type: "text", text: "x" }]);
    expect(parseInline("my_task_name and 2 * 3 * 4")).toEqual([{ type: "text", text: "my_task_name and 2 * 3 * 4" }]);
    expect(parseInline("**still typing")).toEqual([{ type: "text", text: "**still typing" }]);
    expect(parseInline("<script>alert(1)</script>")).toEqual([{ type: "text", text: "<script>alert(1)</script>" }]);
  });

  it("nests and keeps line breaks", () => {
    expect(parseInline("***both***")).toEqual([{ type: "strong", children: [{ type: "em", children: [{ type: "text", text: "both" }] }] }]);
    expect(parseInline("a\nb")).toEqual([{ type: "text", text: "a" }, { type: "br" }, { type: "text", text: "b" }]);
  });
});

describe("safeHref", () => {
  it.each([
    ["https://example.com", "https://example.com"],
    ["mailto:a@example.com", "mailto:a@example.com"],
    ["/tasks?status=active", "/tasks?status=active"],
    ["javascript:alert(1)", null],
    ["data:text/html,x", null],
    ["//evil.example.com", null],
    ["vbscript:x", null],
  ])("%s → %s", (input, expected) => expect(safeHref(input)).toBe(expected));
});

describe("parseBlocks", () => {
  it("a sentence followed by a numbered list, as the offline assistant writes it", () => {
    const blocks = parseBlocks("You have 2 open tasks:\n1. Buy milk (due tomorrow)\n2. ~~Call mum~~ ✓\n…and more.");
    expect(blocks.map((b) => b.type)).toEqual(["paragraph", "list", "paragraph"]);
    expect(blocks[1]).toMatchObject({ type: "list", ordered: true, start: 1, items: [[{ type: "paragraph" }], [{ type: "paragraph", children: [{ type: "del" }, { type: "text", text: " ✓" }] }]] });
  });

  it("bullets with nesting, headings, quotes, code fences (also unclosed) and rules", () => {
    const blocks = parseBlocks("# Plan\n\n- one\n  - one.a\n- two\n\n> quoted\n\n---\n\n```ts\nconst a = 1;\n```\n\n```\nstill streaming");
    expect(blocks.map((b) => b.type)).toEqual(["heading", "list", "quote", "hr", "code", "code"]);
    expect(blocks[1]).toMatchObject({ ordered: false, items: [[{ type: "paragraph" }, { type: "list", items: [[{ type: "paragraph" }]] }], [{ type: "paragraph" }]] });
    expect(blocks[4]).toEqual({ type: "code", lang: "ts", text: "const a = 1;" });
    expect(blocks[5]).toEqual({ type: "code", lang: "", text: "still streaming" });
  });

  it("keeps a list going across blank lines and starts at its first number", () => {
    const blocks = parseBlocks("3. c\n\n4. d");
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ type: "list", start: 3, items: [[{ type: "paragraph" }], [{ type: "paragraph" }]] });
  });
});
