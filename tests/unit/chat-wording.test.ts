import { describe, expect, it } from "vitest";
import { toolActivityLabel, toolDoneLabel } from "@/lib/chatkit/tool-labels";
import { confirmationCard, confirmationQuestion, type ApprovalSubject } from "@/lib/chatkit/widgets";

const subject = (name: string, args: Record<string, unknown>, tasks: ApprovalSubject["tasks"] = []): ApprovalSubject => ({
  approval: { callId: "call_1", name, arguments: args },
  tasks,
});

const texts = (widget: object) => (((widget as { children?: unknown }).children as Array<{ value?: string }>) ?? []).map((c) => c.value);

describe("the chat's words for the list tools", () => {
  it("a list deletion's card names the list and what becomes of its tasks", () => {
    const move = confirmationCard([subject("delete_list", { list: "Groceries" })]);
    expect(move.copyText).toBe("Delete the list “Groceries”?");
    expect(texts(move.widget)).toEqual(["Delete the list “Groceries”?", "Its tasks will move to the Inbox."]);
    expect((move.widget.confirm as { label: string }).label).toBe("Delete list");

    const drop = confirmationCard([subject("delete_list", { list: "Work", tasks: "delete" })]);
    expect(texts(drop.widget)[1]).toBe("Its tasks will be deleted too. Undo brings them back, into the Inbox.");
  });

  it("task cards keep their wording", () => {
    expect(confirmationQuestion([subject("delete_task", { id: 4 }, [{ id: 4, title: "Buy milk" }])])).toBe("Delete “Buy milk”?");
    // A list deletion beside another call still names the list.
    expect(confirmationQuestion([subject("delete_list", { list: "Work" }), subject("delete_task", { id: 4 }, [{ id: 4, title: "Buy milk" }])])).toBe(
      "Make 2 changes, including deleting the list “Work”?",
    );
  });

  it("activity rows say what the list tools do and did, by name", () => {
    expect(toolActivityLabel("delete_list", { list: "Groceries" }).title).toBe("Deleting the list “Groceries”");
    expect(toolActivityLabel("create_list", { name: "Work" }).title).toBe("Creating the list “Work”");
    expect(toolActivityLabel("list_lists", {}).title).toBe("Looking at your lists");
    expect(toolDoneLabel("create_list", { name: "Work" }, { list: { name: "Work" } })).toBe("Created the list “Work”");
    expect(toolDoneLabel("rename_list", { list: "Work", name: "Office" }, { list: { name: "Office" } })).toBe("Renamed a list to “Office”");
    expect(toolDoneLabel("delete_list", { list: "Work" }, { list: { name: "Work" }, moved: 2, deleted: 0 })).toBe("Deleted the list “Work”");
    expect(toolDoneLabel("delete_list", { list: "Work" }, { isError: true })).toBeNull();
  });
});
