import { TOOL, type ToolName } from "@/mcp/tools";

/** The tools the offline model calls for lists, labels and repeats (names from the registry, mcp/tools). */
export const ORGANIZE_TOOL = {
  list_tasks: TOOL.list_tasks,
  update_task: TOOL.update_task,
  list_lists: TOOL.list_lists,
  create_list: TOOL.create_list,
  rename_list: TOOL.rename_list,
  delete_list: TOOL.delete_list,
  list_labels: TOOL.list_labels,
} as const;

export type PlannedToolName = ToolName;

/**
 * The tools the request offers and the argument names each takes (top level, and inside an array
 * of items such as add_tasks' tasks). The planner only calls what is offered and only sends
 * fields a tool takes; without a catalog (unit tests) everything counts as offered.
 */
export type ToolCatalog = ReadonlyMap<string, ReadonlySet<string>>;

type Schema = { properties?: Record<string, Schema>; items?: Schema };

export function toolCatalog(tools: ReadonlyArray<{ type?: string; name: string; parameters?: unknown }>): ToolCatalog {
  const catalog = new Map<string, Set<string>>();
  for (const tool of tools) {
    const fields = new Set<string>();
    const props = (tool.parameters as Schema | undefined)?.properties ?? {};
    for (const [name, schema] of Object.entries(props)) {
      fields.add(name);
      for (const inner of Object.keys(schema?.items?.properties ?? {})) fields.add(inner);
    }
    catalog.set(tool.name, fields);
  }
  return catalog;
}
