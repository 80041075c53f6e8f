// Generates large Trellis plans for the benchmark, deterministically (no randomness), in the
// file format of src/core/schema.rs: {"format":"trellis-plan","version":1, ...plan fields}.
// Every id is unique across the plan and every *_id refers to one, so the documents pass the
// app's import validation (bench/run.mjs checks that through the app before measuring).
//
//   largePlan()            the large plan: 200 goals × 20 check-ins, a 12-stage curve with
//                          30 touch points, 10 tracks × 8 levels × 6 key areas
//   largePlan(scaledShape(5))  five times as many goals, stages, touch points and tracks (each
//                          record the same size): issue 15's plan five times larger
//   planOfSize(bytes)      the same shape with more goals, pretty-printed like an export, just
//                          over `bytes` long (the 5 MB import file)
//   storedText(doc)        compact, as the app keeps a plan in localStorage
//   exportText(doc)        pretty-printed, as the app exports a plan

export const SHAPE = {
  goals: 200,
  checkInsPerGoal: 20,
  stages: 12,
  touchPoints: 30,
  tracks: 10,
  levels: 8,
  keyAreas: 6,
};

/** The large plan's shape with `n` times as many goals, stages, touch points and tracks. */
export const scaledShape = (n) => ({
  goals: SHAPE.goals * n,
  stages: SHAPE.stages * n,
  touchPoints: SHAPE.touchPoints * n,
  tracks: SHAPE.tracks * n,
});

const FAMILIES = ["community", "developer_relations", "program_management", "marketing", "engineering", "product", "other"];
const SCOPES = ["self", "team", "several_teams", "organisation", "company", "industry"];
const KINDS = ["onboarding", "content", "event", "recognition", "incentive", "moderation"];
const OUTCOMES = ["support", "product", "acquisition", "contribution", "engagement", "success"];
const STATUSES = ["draft", "active", "active", "achieved", "missed", "dropped"];
const CADENCES = ["weekly", "fortnightly", "monthly", "quarterly"];
const DIRECTIONS = ["increase", "decrease", "keep_above", "keep_below"];
const TOTALLINGS = ["latest_value", "running_total", "rate"];
const WINDOWS = ["day", "week", "month", "quarter", "year", "since_baseline"];

/** "2026-01-01" plus `days`, as YYYY-MM-DD. */
function date(days) {
  const d = new Date(Date.UTC(2026, 0, 1) + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

const pick = (list, i) => list[i % list.length];

export function largePlan(shape = {}) {
  const s = { ...SHAPE, ...shape };
  let next = 0;
  const id = (prefix) => `${prefix}${++next}`;

  const objectives = Array.from({ length: 10 }, (_, o) => ({
    id: id("o"),
    title: `Objective ${o + 1}: build the infrastructure for sustainable community growth`,
    description: `Why objective ${o + 1} matters to the program and to the members it serves.`,
  }));

  const goals = Array.from({ length: s.goals }, (_, g) => {
    const players = [0, 1, 2].map((p) => ({ id: id("k"), name: `Person ${g}-${p}`, owner: p === 0 }));
    const baseline = 40 + (g % 50);
    const target = baseline + 20 + (g % 30);
    return {
      id: id("g"),
      objective_id: objectives[g % objectives.length].id,
      title: `Goal ${g + 1}: grow monthly active contributors in region ${g % 12}`,
      objective: "increase monthly active contributors",
      metric: {
        name: "monthly active contributors",
        unit: "contributors",
        direction: pick(DIRECTIONS, g),
        totalling: pick(TOTALLINGS, g),
        window: pick(WINDOWS, g),
      },
      baseline,
      baseline_date: date(0),
      target,
      deadline: date(540 + (g % 60)),
      key_players: players,
      steps: [0, 1, 2, 3].map((k) => ({
        id: id("t"),
        text: `Step ${k + 1} of goal ${g + 1}: run the contributor onboarding sprint`,
        owner_id: players[k % players.length].id,
        due: date(30 * (k + 1)),
        done: k < 2,
      })),
      result: "give maintainers time back and make the project sustainable",
      status: pick(STATUSES, g),
      cadence: pick(CADENCES, g),
      growth: "linear",
      milestones: [1, 2, 3].map((m) => ({
        id: id("m"),
        date: date(135 * m),
        value: baseline + ((target - baseline) * m) / 4,
        note: `Milestone ${m}`,
      })),
      check_ins: Array.from({ length: s.checkInsPerGoal }, (_, c) => ({
        id: id("c"),
        date: date(7 * (c + 1)),
        value: baseline + c * 0.75,
        note: `Week ${c + 1}: ran office hours, merged first-time contributions, followed up`,
        confidence: 50 + ((g + c) % 50),
      })),
      commitment: null,
      last_reviewed: date(7 * s.checkInsPerGoal),
    };
  });

  const stages = Array.from({ length: s.stages }, (_, i) => ({
    id: id("s"),
    name: `Stage ${i + 1}`,
    description: `Members at stage ${i + 1} of the commitment curve.`,
    commitment_level: Math.round((i * 100) / Math.max(1, s.stages - 1)),
    members_now: 10_000 >> Math.min(i, 13),
    target_members: (12_000 >> Math.min(i, 13)) + 1,
    target_date: date(365),
    asks: [0, 1].map((a) => ({ id: id("a"), text: `Ask ${a + 1} at stage ${i + 1}`, effort: 1 + ((i + a) % 12) })),
    emotions_desired: ["welcome", "curious"],
    emotions_observed: ["unsure"],
    notes: "",
  }));

  const touchPoints = Array.from({ length: s.touchPoints }, (_, t) => {
    const from = t % (s.stages - 1);
    return {
      id: id("p"),
      name: `Touch point ${t + 1}`,
      from_stage_id: stages[from].id,
      to_stage_id: stages[from + 1].id,
      kind: pick(KINDS, t),
      channel: "forum",
      owner: "Community team",
      status: t % 2 ? "existing" : "planned",
      outcome: pick(OUTCOMES, t),
      reward: "a badge",
      follow_up: "a personal thank-you",
      data_point: {
        metric: "conversion to the next stage",
        data_source: "forum analytics",
        current_conversion_pct: 5 + (t % 20),
        target_conversion_pct: 10 + (t % 20),
      },
      notes: "",
    };
  });

  const curve = {
    stages,
    touch_points: touchPoints,
    problem_areas: [0, 1, 2].map((i) => ({
      id: id("q"),
      stage_id: stages[i].id,
      touch_point_id: touchPoints[i].id,
      problem: "Few newcomers come back after their first post.",
      proposed_solution: "A welcome thread with a named host each week.",
    })),
    snapshots: [0, 1, 2, 3].map((i) => ({
      id: id("n"),
      date: date(90 * i),
      counts: stages.map((st, j) => ({ stage_id: st.id, count: (10_000 >> Math.min(j, 13)) + i * 10 })),
    })),
    source: "",
  };

  const tracks = Array.from({ length: s.tracks }, (_, t) => {
    const levels = Array.from({ length: s.levels }, (_, l) => ({
      id: id("l"),
      code: `T${t + 1}-L${l + 1}`,
      title: `Level ${l + 1}`,
      rank: l + 1,
      scope: pick(SCOPES, Math.floor((l * SCOPES.length) / s.levels)),
      typical_years: { min: l * 2, max: l * 2 + 3 },
      band: {
        currency: "USD",
        min: 6_000_000 + l * 1_500_000 + t * 100_000,
        mid: 7_000_000 + l * 1_500_000 + t * 100_000,
        max: 8_000_000 + l * 1_500_000 + t * 100_000,
        percentiles: {},
        basis: "base",
        source: { publisher: "Benchmark survey", year: 2026, kind: "illustrative", note: "generated for the benchmark" },
      },
    }));
    return {
      id: id("r"),
      name: `Track ${t + 1}`,
      family: pick(FAMILIES, t),
      kind: t % 3 === 2 ? "manager" : "individual_contributor",
      hr_classification: "",
      levels,
      key_areas: Array.from({ length: s.keyAreas }, (_, a) => ({
        id: id("e"),
        name: `Key area ${a + 1}`,
        description: `What key area ${a + 1} covers.`,
        behaviours: levels.map((lv) => ({
          id: id("b"),
          level_id: lv.id,
          text: `At ${lv.code}, leads key area ${a + 1} for a wider scope and coaches others.`,
        })),
      })),
    };
  });

  return {
    format: "trellis-plan",
    version: 1,
    id: "bench-large",
    name: "Benchmark: large plan",
    revision: 1,
    next_id: next,
    goals: { objectives, goals },
    curve,
    career: { tracks, comp_records: [], exchange_rates: [], self_assessments: [], bucketing_threshold_percent: 10 },
  };
}

export const storedText = (doc) => JSON.stringify(doc);
export const exportText = (doc) => JSON.stringify(doc, null, 2);

/** A pretty-printed plan of the large plan's shape with as many goals as it takes to pass `bytes`. */
export function planOfSize(bytes) {
  const probe = exportText(largePlan()).length;
  const perGoal = (probe - exportText(largePlan({ goals: 0 })).length) / SHAPE.goals;
  let goals = Math.ceil(SHAPE.goals + (bytes - probe) / perGoal);
  let text = exportText(largePlan({ goals }));
  while (text.length < bytes) text = exportText(largePlan({ goals: ++goals }));
  return { goals, text };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = exportText(largePlan());
  const five = planOfSize(5_000_000);
  console.log(`large plan: ${text.length} characters; 5 MB file: ${five.goals} goals, ${five.text.length} characters`);
}
