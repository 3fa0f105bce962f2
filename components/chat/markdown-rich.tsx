import { Fragment, memo, useMemo } from "react";
import { closeUnfinished, parsePiece, splitBlocks, type Block, type Inline, type TableAlign } from "./markdown-parse";

/** Renders parsed Markdown as React elements: text is always text, never HTML. */
function InlineNodes({ nodes }: { nodes: Inline[] }) {
  return (
    <>
      {nodes.map((node, i) => {
        switch (node.type) {
          case "text":
            return <Fragment key={i}>{node.text}</Fragment>;
          case "br":
            return <br key={i} />;
          case "code":
            return (
              <code key={i} className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.85em] dark:bg-zinc-800">
                {node.text}
              </code>
            );
          case "strong":
            return (
              <strong key={i} className="font-semibold">
                <InlineNodes nodes={node.children} />
              </strong>
            );
          case "em":
            return (
              <em key={i}>
                <InlineNodes nodes={node.children} />
              </em>
            );
          case "del":
            return (
              <del key={i} className="text-zinc-500 dark:text-zinc-400">
                <InlineNodes nodes={node.children} />
              </del>
            );
          case "link": {
            const external = !node.href.startsWith("/") && !node.href.startsWith("#");
            return (
              <a
                key={i}
                href={node.href}
                className="font-medium text-indigo-600 underline underline-offset-2 hover:text-indigo-500 dark:text-indigo-400"
                {...(external ? { target: "_blank", rel: "noopener noreferrer nofollow" } : {})}
              >
                <InlineNodes nodes={node.children} />
              </a>
            );
          }
        }
      })}
    </>
  );
}

/** InlineNodes memoized: a long streaming paragraph's parsed cut stays the same for many updates. */
const InlineNodesOnce = memo(function InlineNodesOnce({ nodes }: { nodes: Inline[] }) {
  return <InlineNodes nodes={nodes} />;
});

const alignClass = { left: "text-left", center: "text-center", right: "text-right" };
const cellClass = (align: TableAlign | undefined) => `border-b border-zinc-200 px-2 py-1 dark:border-zinc-800 ${alignClass[align ?? "left"]}`;

const headingClass = ["text-lg", "text-base", "text-base", "text-sm", "text-sm", "text-sm"];

export function Blocks({ blocks, tight = false }: { blocks: Block[]; tight?: boolean }) {
  return (
    <>
      {blocks.map((block, i) => {
        switch (block.type) {
          case "paragraph":
            return tight ? (
              <InlineNodes key={i} nodes={block.children} />
            ) : (
              <p key={i}>
                <InlineNodes nodes={block.children} />
              </p>
            );
          case "heading":
            return (
              <p key={i} role="heading" aria-level={Math.min(6, block.level + 2)} className={`${headingClass[block.level - 1]} font-semibold`}>
                <InlineNodes nodes={block.children} />
              </p>
            );
          case "list": {
            const items = block.items.map((item, j) => {
              const single = item.length === 1 && item[0]!.type === "paragraph";
              return (
                <li key={j} className="pl-1 [&>ol]:mt-1 [&>ul]:mt-1">
                  {single ? <Blocks blocks={item} tight /> : <div className="space-y-2"><Blocks blocks={item} /></div>}
                </li>
              );
            });
            return block.ordered ? (
              <ol key={i} start={block.start === 1 ? undefined : block.start} className="list-decimal space-y-1 pl-6 marker:text-zinc-500">
                {items}
              </ol>
            ) : (
              <ul key={i} className="list-disc space-y-1 pl-6 marker:text-zinc-400">
                {items}
              </ul>
            );
          }
          case "quote":
            return (
              <blockquote key={i} className="space-y-2 border-l-2 border-zinc-300 pl-3 text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
                <Blocks blocks={block.children} />
              </blockquote>
            );
          case "code":
            return (
              <pre
                key={i}
                className="overflow-x-auto rounded-lg bg-zinc-100 p-3 font-mono text-[0.85em] leading-relaxed dark:bg-zinc-950"
                data-lang={block.lang || undefined}
              >
                <code>{block.text}</code>
              </pre>
            );
          case "table":
            return (
              <div key={i} className="overflow-x-auto">
                <table className="border-collapse text-left">
                  <thead>
                    <tr>
                      {block.head.map((cell, j) => (
                        <th key={j} className={`${cellClass(block.align[j])} font-semibold`}>
                          <InlineNodes nodes={cell} />
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {block.rows.map((row, r) => (
                      <tr key={r}>
                        {row.map((cell, j) => (
                          <td key={j} className={cellClass(block.align[j])}>
                            <InlineNodes nodes={cell} />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          case "hr":
            return <hr key={i} className="border-zinc-200 dark:border-zinc-800" />;
        }
      })}
    </>
  );
}

/** A piece that later text cannot change: memoized, so a streaming message re-parses only its tail. */
export const MarkdownPiece = memo(function MarkdownPiece({ source }: { source: string }) {
  return <Blocks blocks={parsePiece(source)} />;
});

/**
 * A run of a message's pieces, memoized as a whole: while an answer streams, each update then
 * reconciles a few groups and the last piece, not one element per piece of the message so far
 * (a 32k answer has about 300 pieces, and checking each on every chunk made a stream's cost grow
 * with the square of its length in the browser).
 */
const PieceGroup = memo(
  function PieceGroup({ pieces, from, to }: { pieces: readonly string[]; from: number; to: number }) {
    return pieces.slice(from, to).map((piece, i) => <MarkdownPiece key={from + i} source={piece} />);
  },
  (before, after) => before.from === after.from && before.to === after.to && samePieces(before.pieces, after.pieces, after.from, after.to),
);

function samePieces(a: readonly string[], b: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (a[i] !== b[i]) return false;
  return true;
}

const GROUP_SIZE = 32;

/** A streaming last piece up to this length is parsed whole on every update. */
export const LONG_TAIL = 2_000;

/**
 * How much of a streaming last piece of `length` characters is parsed: all of a short one; of a
 * long one, the longest of 2,000, 3,000, 4,500, … (each half again the one before) that fits.
 * A piece is parsed again only when it outgrows its cut, a few times in all, so streaming one
 * long paragraph costs a few parses of it instead of one per chunk. That matters for text
 * markdown-it is slow on (32k of "[" takes about 100 ms to parse): parsed on every 256-character
 * chunk, it froze the answer for 4.6 s in all.
 */
export function tailCut(length: number): number {
  if (length <= LONG_TAIL) return length;
  let cut = LONG_TAIL;
  while (cut * 1.5 <= length) cut = Math.floor(cut * 1.5);
  return cut;
}

/** The one paragraph `blocks` is, if it is one: a long tail's text after its cut can be shown in it as typed. */
export function soleParagraph(blocks: Block[]): Extract<Block, { type: "paragraph" }> | null {
  const only = blocks.length === 1 ? blocks[0]! : null;
  return only?.type === "paragraph" ? only : null;
}

/**
 * A line in the text after a cut that may start another block (a list item, a heading, a quote, a
 * fence, a table row, a setext underline, a blank line): the text is then not the cut paragraph's
 * continuation, and the piece is parsed whole instead.
 */
const BLOCK_START = /\n(?:[ \t]*\n| {0,3}(?:[-*+>#|=:~`_]|\d{1,9}[.)]))/;

/**
 * Where a streaming last piece is split into a cut to parse and text to show as it came, or null
 * when it is parsed whole: it is short, or the text after the cut may start another block.
 */
export function streamingSplit(piece: string): { head: string; rest: string } | null {
  let cut = tailCut(piece.length);
  if (cut === piece.length) return null;
  // Just after a space near the cut, so that it does not split a word: linkify would make a link of
  // half an address ("https://example.c"), and an entity or an emoji would show broken.
  const space = lastSpaceBefore(piece, cut, WORD_REACH);
  if (space >= 0) cut = space + 1;
  // Never between the two halves of a character outside the Basic Multilingual Plane (an emoji).
  else if (isHighSurrogate(piece.charCodeAt(cut - 1))) cut -= 1;
  const head = piece.slice(0, cut);
  // From the start of the line the cut is in: a block marker can only follow a line break.
  const lineStart = head.lastIndexOf("\n");
  if (BLOCK_START.test(lineStart < 0 ? piece.slice(cut) : piece.slice(lineStart))) return null;
  return { head, rest: piece.slice(cut) };
}

/** How far before a cut to look for a space to cut after instead. */
const WORD_REACH = 256;

function lastSpaceBefore(text: string, end: number, reach: number): number {
  for (let i = end - 1; i >= Math.max(0, end - reach); i--) if (/\s/.test(text[i]!)) return i;
  return -1;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

/**
 * The last piece of a message. While it streams (`live`), a long paragraph shows its parsed cut
 * (streamingSplit), then the text since as it came, until the next cut; any other piece, and
 * every piece once the answer is done, is parsed whole (a list or a code block parses in time
 * linear in its length). One element either way, so a short last piece is not re-rendered when
 * the answer ends.
 */
function StreamingTail({ piece, live }: { piece: string; live: boolean }) {
  const split = live ? streamingSplit(piece) : null;
  if (!split) return <MarkdownPiece source={closeUnfinished(piece)} />;
  return <LongTail piece={piece} head={split.head} rest={split.rest} />;
}

/**
 * The cut is parsed as it is, without closing what is open at its end (closeUnfinished): an
 * unfinished "**" or "[link](htt" then shows as typed, and the text after it completes it on
 * screen, instead of being dropped from the cut and reappearing cut short.
 */
function LongTail({ piece, head, rest }: { piece: string; head: string; rest: string }) {
  const paragraph = useMemo(() => soleParagraph(parsePiece(head)), [head]);
  if (!paragraph) return <MarkdownPiece source={closeUnfinished(piece)} />;
  return (
    <p>
      <InlineNodesOnce nodes={paragraph.children} />
      {/* A paragraph's text is trimmed at its end; the text after the cut keeps the space or line break it follows. */}
      <span className="whitespace-pre-line">{head.slice(head.trimEnd().length) + rest}</span>
    </p>
  );
}

/**
 * Markdown rendered in full: loaded after the first paint (see ./markdown.tsx). `live` while the
 * message is still streaming in (its last piece is then rendered by StreamingTail).
 */
export function RichMarkdown({ text, className, live = false }: { text: string; className?: string; live?: boolean }) {
  const pieces = useMemo(() => splitBlocks(text), [text]);
  const last = pieces.length - 1;
  const groups: number[] = [];
  for (let from = 0; from < last; from += GROUP_SIZE) groups.push(from);
  return (
    <div className={className}>
      {groups.map((from) => (
        <PieceGroup key={from} pieces={pieces} from={from} to={Math.min(from + GROUP_SIZE, last)} />
      ))}
      {last >= 0 && <StreamingTail key="last" piece={pieces[last]!} live={live} />}
    </div>
  );
}

/**
 * The inside of RichMarkdown's <div> for a finished message, without hooks or memo, so a server
 * component can render it: the chat page renders the history's Markdown on the server and the
 * browser shows it as sent (./markdown.tsx), without waiting for this module's chunk.
 */
export function MarkdownBody({ text }: { text: string }) {
  const pieces = splitBlocks(text);
  return (
    <>
      {pieces.map((piece, i) => (
        <Blocks key={i} blocks={parsePiece(i === pieces.length - 1 ? closeUnfinished(piece) : piece)} />
      ))}
    </>
  );
}
