import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/chat/markdown";
import { LONG_TAIL, MarkdownBody, MarkdownPiece, RichMarkdown, streamingSplit, tailCut } from "@/components/chat/markdown-rich";
import { closeUnfinished, parseBlocks, parseInline, parsePiece, safeHref, splitBlocks } from "@/components/chat/markdown-parse";

const render = (text: string) => renderToStaticMarkup(createElement(RichMarkdown, { text }));
/** The rendered text, tags dropped and the escapes React writes decoded. */
const renderedText = (text: string) =>
  render(text)
    .replace(/<[^>]*>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

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
    expect(parseInline("***both***")).toEqual([{ type: "em", children: [{ type: "strong", children: [{ type: "text", text: "both" }] }] }]);
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

describe("splitBlocks", () => {
  it("a growing message, split chunk by chunk, gives the pieces a fresh split gives (the resumed scan changes nothing)", () => {
    const message = [
      "Here is your week:",
      "",
      "1. Pay rent\n2. Call the bank\n   - ask about fees",
      "and more.",
      "",
      "```ts\nconst a = 1;\n\nconst b = 2;\n```",
      "",
      "> quote\n> more",
      "",
      "| a | b |\n| --- | --- |\n| 1 | 2 |",
      "",
      "- x\n\n- y\n\nDone.\r\nBye.",
    ].join("\n");
    const fresh = (text: string) => {
      splitBlocks("\u0000"); // a text no prefix extends: the next call scans from the start
      return splitBlocks(text);
    };
    for (const step of [1, 3, 7, 16]) {
      for (let end = step; end < message.length + step; end += step) {
        const prefix = message.slice(0, end);
        const streamed = splitBlocks(prefix);
        expect(streamed, `step ${step}, ${end} chars`).toEqual(fresh(prefix));
        splitBlocks(prefix); // back on the streamed chain for the next chunk
      }
    }
  });

  it("cuts only where later text cannot change what came before", () => {
    const doc = [
      "# Plan",
      "",
      "1. one",
      "",
      "2. two",
      "   still two",
      "",
      "   - nested",
      "",
      "> quoted",
      "",
      "> another quote",
      "",
      "```md",
      "# not a heading",
      "",
      "unindented inside the fence",
      "```",
      "",
      "| a | b |",
      "|---|--:|",
      "| 1 | 2 |",
      "",
      "    indented code",
      "",
      "Closing words with [a link](https://example.com).",
    ].join("\n");
    expect(splitBlocks(doc)).toHaveLength(6);
    expect(splitBlocks(doc).flatMap(parsePiece)).toEqual(parsePiece(doc));
  });

  it("never cuts inside an open fence", () => {
    expect(splitBlocks("```\na\n\nb")).toEqual(["```\na\n\nb"]);
  });
});

describe("Markdown before its renderer has loaded", () => {
  it("shows the message as plain text, never as HTML", () => {
    const html = renderToStaticMarkup(createElement(Markdown, { text: "**Buy** <b>milk</b> [x](javascript:alert(1))" }));
    expect(html).toContain('data-markdown="plain"');
    expect(html).toContain("**Buy** &lt;b&gt;milk&lt;/b&gt; [x](javascript:alert(1))");
    expect(html).not.toContain("<b>");
  });
});

describe("Markdown (rendered)", () => {
  it("a long message rendered in memoized groups of pieces reads as the same HTML as piece by piece, at every length while it streams", () => {
    const section = (i: number) => `## Step ${i}\n\nDo **thing ${i}** with \`code\`.\n\n- a\n- b\n\n> note ${i}`;
    const message = Array.from({ length: 30 }, (_, i) => section(i + 1)).join("\n\n");
    expect(splitBlocks(message).length).toBeGreaterThan(64); // groups of 32 and a tail
    const body = (text: string) => `<div>${renderToStaticMarkup(createElement(MarkdownBody, { text }))}</div>`;
    for (let end = 7; end < message.length + 97; end += 97) {
      const prefix = message.slice(0, end);
      expect(render(prefix), `${end} chars`).toBe(body(prefix));
    }
  });

  it("links keep rel and target; unsafe links are text", () => {
    const html = render("[docs](https://example.com) [tasks](/tasks) [x](javascript:alert(1)) <script>alert(1)</script>");
    expect(html).toContain('<a href="https://example.com" class="font-medium text-indigo-600 underline underline-offset-2 hover:text-indigo-500 dark:text-indigo-400" target="_blank" rel="noopener noreferrer nofollow">docs</a>');
    expect(html).toContain('<a href="/tasks" class="font-medium text-indigo-600 underline underline-offset-2 hover:text-indigo-500 dark:text-indigo-400">tasks</a>');
    expect(html).not.toMatch(/javascript:|<script/);
    expect(html).toContain("&lt;script&gt;");
  });

  it("renders tables", () => {
    const html = render("| Task | Due |\n|---|--:|\n| Buy milk | **today** |");
    expect(html).toMatch(/<table[^>]*><thead><tr><th[^>]*>Task<\/th><th[^>]*text-right[^>]*>Due<\/th><\/tr><\/thead><tbody><tr><td[^>]*>Buy milk<\/td><td[^>]*><strong[^>]*>today<\/strong><\/td><\/tr><\/tbody><\/table>/);
  });

  it("half-written syntax while streaming shows no raw markers", () => {
    expect(render("Here is **the plan")).toContain('<strong class="font-semibold">the plan</strong>');
    expect(renderedText("see [the list](htt")).toBe("see the list");
    expect(renderedText("see [the li")).toBe("see the li");
    expect(render("Code:\n\n```ts\nconst a =")).toContain('<pre class="overflow-x-auto rounded-lg bg-zinc-100 p-3 font-mono text-[0.85em] leading-relaxed dark:bg-zinc-950" data-lang="ts"><code>const a =</code></pre>');
    expect(renderedText("use `npm i")).toBe("use npm i");
    expect(renderedText("~~gone")).toBe("gone");
    expect(render("Done.\n\n***")).toContain("<hr");
    expect(render("```\ncode\n```")).toContain("<code>code</code>");

    const answer = "You have **2** open tasks:\n\n1. *Buy milk* — due [today](/tasks?due=today)\n2. ~~Call mum~~ done\n\nSee `tasks` or https://example.com/help.";
    for (let end = 1; end <= answer.length; end++) {
      const text = renderedText(answer.slice(0, end));
      expect(text, answer.slice(0, end)).not.toMatch(/\*\*|~~|\]\(|`/);
    }
  });

  it("titles with quotes, # and * survive as text", () => {
    const titles = ["Call “Mum” about the \"big\" day", "Fix bug #12 * urgent", "It's 'fine' # really", "2 * 3 * 4 = 24", "Tom's “#1” list"];
    for (const title of titles) {
      expect(closeUnfinished(title)).toBe(title);
      expect(renderedText(title)).toBe(title);
      expect(renderedText(`Added:\n1. ${title}\n2. ${title}`)).toBe(`Added:${title}${title}`);
    }
  });
});

describe("a long paragraph streaming in", () => {
  const renderLive = (text: string) => renderToStaticMarkup(createElement(RichMarkdown, { text, live: true }));
  const escapeText = (text: string) => renderToStaticMarkup(createElement("p", null, text)).slice(3, -4);

  it("is parsed at a few cuts, each half again the one before, never past what has arrived", () => {
    const cuts = new Set<number>();
    for (let length = 0; length <= 32_000; length++) {
      const cut = tailCut(length);
      expect(cut).toBeLessThanOrEqual(length);
      if (length <= LONG_TAIL) expect(cut).toBe(length);
      else expect(cut * 1.5).toBeGreaterThan(length);
      if (length > LONG_TAIL) cuts.add(cut);
    }
    // 32k characters in any chunking: at most 8 parses of the growing paragraph after the first 2,000 characters.
    expect(cuts.size).toBeLessThanOrEqual(8);
  });

  it("shows its parsed cut, then the text since as it came; finished, it is parsed whole", () => {
    const paragraph = Array.from({ length: 200 }, (_, i) => `word **${i}** [link](/tasks) `).join("");
    expect(paragraph.length).toBeGreaterThan(LONG_TAIL * 1.5);
    const message = `Intro.\n\n${paragraph}`;
    const split = streamingSplit(paragraph)!;
    expect(split.head + split.rest).toBe(paragraph);
    expect(split.head.length).toBeLessThanOrEqual(tailCut(paragraph.length));
    expect(split.head.endsWith(" ")).toBe(true); // cut after a word, not inside one
    const head = renderToStaticMarkup(createElement(MarkdownPiece, { source: split.head }));
    expect(head.startsWith("<p>") && head.endsWith("</p>")).toBe(true);
    const live = renderLive(message);
    expect(live).toBe(`<div><p>Intro.</p>${head.slice(0, -4)}<span class="whitespace-pre-line">${escapeText(" " + split.rest)}</span></p></div>`);
    // Every character that arrived is on screen: the cut's text formatted, the rest as typed.
    expect(live).toContain("word **199** [link](/tasks)");
    expect(renderToStaticMarkup(createElement(RichMarkdown, { text: message }))).toBe(`<div>${renderToStaticMarkup(createElement(MarkdownBody, { text: message }))}</div>`);
  });

  it("syntax left open at the cut shows as typed, and nothing that arrived is dropped", () => {
    const texts = [
      "x".repeat(1_992) + " have **bold** " + "y ".repeat(100), // the cut falls right after "**"
      "x".repeat(1_985) + " see [the docs](https://example.com/a) " + "y ".repeat(100), // inside the link's address
      "x".repeat(1_995) + " `npm i` " + "y ".repeat(100),
    ];
    for (const text of texts) {
      expect(tailCut(text.length)).toBeLessThan(text.length);
      const shown = renderLive(text).replace(/<[^>]*>/g, "").replace(/&amp;/g, "&");
      expect(shown.trim(), text.slice(1_980, 2_020)).toBe(text.trim());
    }
  });

  it("the cut falls after a word, so half an address is never a link", () => {
    const url = "https://example.com/tasks/overdue/this-week";
    for (let shift = 0; shift < url.length; shift += 7) {
      const text = "x ".repeat(Math.floor((1_990 - shift) / 2)) + `see ${url} now ` + "y ".repeat(150);
      const hrefs = [...renderLive(text).matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
      expect(hrefs, `shift ${shift}`).toEqual(hrefs.length ? [url] : []);
    }
  });

  it("a long paragraph with line breaks stays split when its newest line is still empty", () => {
    const lines = Array.from({ length: 60 }, (_, i) => `line ${i} of a long answer with **bold** words`).join("\n");
    expect(streamingSplit(lines)).not.toBeNull();
    expect(streamingSplit(lines + "\n")).not.toBeNull();
    expect(streamingSplit(lines + "\n\n")).toBeNull(); // a blank line: another block may start
  });

  it("an emoji at the cut is not split in two", () => {
    const text = "x".repeat(1_999) + "🎉" + " y".repeat(200);
    expect(text.charCodeAt(tailCut(text.length) - 1)).toBeGreaterThanOrEqual(0xd800); // the cut would split it
    const html = renderLive(text);
    expect(html).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(html.replace(/<[^>]*>/g, "")).toBe(text);
  });

  it("a block that starts after the cut (a list, a heading, a table, an underline) is parsed whole, not shown as typed", () => {
    const paragraph = "word ".repeat(420);
    for (const after of ["\n- **Buy milk** due Fri\n- Call Sam", "\n# Next", "\n| a | b |\n| - | - |\n| 1 | 2 |", "\n===", "\n1. one\n2. two", "\n> quoted"]) {
      const text = paragraph + after;
      expect(tailCut(text.length)).toBeLessThan(text.length);
      expect(renderLive(text), after).toBe(`<div>${renderToStaticMarkup(createElement(MarkdownBody, { text }))}</div>`);
    }
  });

  it("a long list or code block streaming in is parsed whole, as a short piece is", () => {
    const list = Array.from({ length: 120 }, (_, i) => `- **Task ${i}** due tomorrow`).join("\n");
    const code = "```ts\n" + Array.from({ length: 120 }, (_, i) => `const a${i} = [${i}] * 2;`).join("\n");
    for (const piece of [list, code]) {
      expect(piece.length).toBeGreaterThan(LONG_TAIL);
      expect(renderLive(piece)).toBe(`<div>${renderToStaticMarkup(createElement(MarkdownBody, { text: piece }))}</div>`);
    }
  });
});

describe("linear time", () => {
  // The old hand-written parser took 6.9 s on 32k characters of "*a "; markdown-it stays linear.
  it.each(["*a ", "[", "**a", "`", "_a", "![", "> ", "- "])("32k characters of %j parse in well under a second", (unit) => {
    const text = unit.repeat(Math.ceil(32_000 / unit.length)).slice(0, 32_000);
    parseBlocks(closeUnfinished(text.slice(0, 1000)));
    const started = performance.now();
    parseBlocks(closeUnfinished(text));
    expect(performance.now() - started).toBeLessThan(500);
  });
});
