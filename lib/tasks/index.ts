export * from "./schemas";
export * from "./service";
export * from "./changes";
export { describeChanges, type TaskChange } from "./change-summary";
export * from "./undo";
