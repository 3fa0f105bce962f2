/**
 * Seeding large data straight into the database with SQL (set-based, one statement each):
 * through `pg` on PostgreSQL, or through PGlite opened by the benchmark while no server has it.
 * The shapes match what the app writes, so the app's queries and indexes see realistic rows.
 */

export type Sql = (text: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

const ISO = `to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A titled thread (as after its first turn); returns its id. */
export async function createThread(sql: Sql, userId: string, title: string): Promise<string> {
  const [row] = await sql(`insert into conversations (user_id, title) values ($1, $2) returning id::text as id`, [userId, title]);
  return row!.id as string;
}

/** `n` threads for one user, newest first a minute apart. */
export async function seedThreads(sql: Sql, userId: string, n: number): Promise<void> {
  await sql(
    `insert into conversations (user_id, title, created_at, updated_at)
     select $1, 'Bench thread ' || g, now() - make_interval(mins => g), now() - make_interval(mins => g)
     from generate_series(1, $2::int) g`,
    [userId, n],
  );
}

/**
 * Pads a thread with `n` stored items older than anything a turn will add: a user message and
 * the assistant's reply, alternately, each with the agent items a real turn stores.
 */
export async function padThread(sql: Sql, threadId: string, userId: string, n: number): Promise<void> {
  await sql(
    `insert into messages (id, conversation_id, user_id, type, hidden, payload, agent_items, created_at)
     select id, $1::uuid, $2, case when user_turn then 'user_message' else 'assistant_message' end, false,
       case when user_turn then jsonb_build_object('type', 'user_message', 'id', id, 'thread_id', $1::text, 'created_at', ${ISO},
              'content', jsonb_build_array(jsonb_build_object('type', 'input_text', 'text', 'add old item ' || g)),
              'attachments', '[]'::jsonb, 'inference_options', '{}'::jsonb)
            else jsonb_build_object('type', 'assistant_message', 'id', id, 'thread_id', $1::text, 'created_at', ${ISO},
              'content', jsonb_build_array(jsonb_build_object('type', 'output_text', 'text', 'Added “old item ' || (g - 1) || '” to your list.', 'annotations', '[]'::jsonb))) end,
       case when user_turn then jsonb_build_array(jsonb_build_object('type', 'message', 'role', 'user', 'content', 'add old item ' || g))
            else jsonb_build_array(jsonb_build_object('type', 'message', 'role', 'assistant', 'status', 'completed',
              'content', jsonb_build_array(jsonb_build_object('type', 'output_text', 'text', 'Added “old item ' || (g - 1) || '” to your list.')))) end,
       ts
     from (select g, g % 2 = 1 as user_turn, 'msg_pad' || substr(md5($1::text || ':' || g), 1, 20) as id,
                  now() - make_interval(secs => ($3::int - g + 600)) as ts
           from generate_series(1, $3::int) g) s`,
    [threadId, userId, n],
  );
}

/** `n` tasks for one user: a third completed, a quarter without a due date, the rest spread around today. */
export async function seedTasks(sql: Sql, userId: string, n: number): Promise<void> {
  await sql(
    `insert into tasks (user_id, title, description, completed, completed_at, priority, due_date, created_at, updated_at)
     select $1, 'Bench task ' || g, case when g % 5 = 0 then 'Notes for bench task ' || g else null end,
       g % 3 = 0, case when g % 3 = 0 then now() - make_interval(hours => g % 500) end,
       (array['low', 'medium', 'high'])[1 + g % 3]::task_priority,
       case when g % 4 = 0 then null else current_date + (g % 120 - 40) end,
       now() - make_interval(mins => g), now() - make_interval(mins => g)
     from generate_series(1, $2::int) g`,
    [userId, n],
  );
}

export async function analyze(sql: Sql): Promise<void> {
  await sql("analyze");
}
