/**
 * Quality checks (质检, docs/product.md §6; domain/quality):
 *
 * - quality_scorecards: the scorecard as numbered versions (categories with weights, red lines,
 *   bonus items); v1 is written here as a literal, so this migration never follows the code.
 * - quality_assignments: the weekly sample: which ticket of which agent's week a reviewer (one of
 *   the team's supervisors) is to review; one row per week, agent and ticket.
 * - quality_calibrations: a ticket several reviewers score to compare (校准); their reviews do not
 *   count toward the agent's score.
 * - quality_reviews: a submitted review, of an assignment (one each) or of a calibration (one per
 *   reviewer), with the scores, the result in tenths of a point, the agent's dispute and its
 *   decision.
 * - ticket_events_staff_work: the replies and resolutions each person wrote, by time, for the
 *   sample's population and the standard-phrase signal.
 * Frozen once shipped.
 */
import { type Kysely, sql } from 'kysely';

const V1 = {"categories":[{"key":"greeting","weight":10,"label":{"zh-CN":"开场与结束语规范","en-US":"Greeting and closing"}},{"key":"courtesy","weight":15,"label":{"zh-CN":"服务态度与礼貌用语","en-US":"Attitude and courtesy"}},{"key":"accuracy","weight":30,"label":{"zh-CN":"业务解答准确","en-US":"Accurate answer"}},{"key":"ownership","weight":25,"label":{"zh-CN":"首问负责与跟进","en-US":"Ownership and follow-up"}},{"key":"communication","weight":20,"label":{"zh-CN":"沟通技巧与安抚","en-US":"Communication and reassurance"}},{"key":"no_forbidden_phrases","weight":0,"critical":true,"label":{"zh-CN":"红线：未使用服务忌语","en-US":"Red line: no forbidden phrases"}},{"key":"privacy","weight":0,"critical":true,"label":{"zh-CN":"红线：未泄露客户信息","en-US":"Red line: no personal data disclosed"}}],"bonus":[{"key":"retention","points":5,"label":{"zh-CN":"主动化解投诉、挽回客户","en-US":"Defused the complaint and kept the customer"}},{"key":"praise","points":5,"label":{"zh-CN":"获得客户表扬","en-US":"Praised by the customer"}},{"key":"proactive","points":3,"label":{"zh-CN":"主动告知后续进展","en-US":"Told the customer what comes next unasked"}}],"bonusCap":10,"maxScore":100,"passMark":80};

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table quality_scorecards (
      version integer primary key,
      scorecard jsonb not null,
      note text not null,
      created_by text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`insert into quality_scorecards (version, scorecard, note, created_by) values (1, ${JSON.stringify(V1)}::jsonb, 'v1', 'system')`.execute(db);

  await sql`
    create table quality_assignments (
      id uuid primary key default gen_random_uuid(),
      week date not null,
      agent_id uuid not null references users(id),
      team_id uuid references departments(id),
      ticket_id uuid not null references tickets(id),
      reviewer_id uuid not null references users(id),
      strata text[] not null default '{}',
      reason text not null,
      source text not null check (source in ('weekly', 'on_demand')),
      seed text not null,
      created_by uuid references users(id),
      created_at timestamptz not null default now(),
      unique (week, agent_id, ticket_id)
    )`.execute(db);
  await sql`create index quality_assignments_reviewer on quality_assignments (reviewer_id, week)`.execute(db);
  await sql`create index quality_assignments_week on quality_assignments (week, team_id)`.execute(db);

  await sql`
    create table quality_calibrations (
      id uuid primary key default gen_random_uuid(),
      ticket_id uuid not null references tickets(id),
      agent_id uuid references users(id),
      title text not null,
      scorecard_version integer not null references quality_scorecards(version),
      created_by uuid not null references users(id),
      created_at timestamptz not null default now()
    )`.execute(db);

  await sql`
    create table quality_reviews (
      id uuid primary key default gen_random_uuid(),
      assignment_id uuid unique references quality_assignments(id),
      calibration_id uuid references quality_calibrations(id),
      ticket_id uuid not null references tickets(id),
      agent_id uuid references users(id),
      reviewer_id uuid not null references users(id),
      scorecard_version integer not null references quality_scorecards(version),
      scores jsonb not null,
      bonus jsonb not null,
      comment text not null default '',
      score_tenths integer not null,
      critical_failed boolean not null,
      original_score_tenths integer,
      status text not null default 'submitted' check (status in ('submitted', 'disputed', 'upheld', 'revised')),
      submitted_at timestamptz not null default now(),
      dispute_reason text,
      disputed_at timestamptz,
      decided_by uuid references users(id),
      decided_at timestamptz,
      decision_note text,
      version integer not null default 1,
      unique (calibration_id, reviewer_id),
      check ((assignment_id is null) <> (calibration_id is null))
    )`.execute(db);
  await sql`create index quality_reviews_agent on quality_reviews (agent_id, submitted_at) where assignment_id is not null`.execute(db);
  await sql`create index quality_reviews_submitted on quality_reviews (submitted_at)`.execute(db);

  await sql`create index ticket_events_staff_work on ticket_events (actor_id, at) where kind in ('reply', 'resolved')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index ticket_events_staff_work`.execute(db);
  await sql`drop table quality_reviews`.execute(db);
  await sql`drop table quality_calibrations`.execute(db);
  await sql`drop table quality_assignments`.execute(db);
  await sql`drop table quality_scorecards`.execute(db);
}
