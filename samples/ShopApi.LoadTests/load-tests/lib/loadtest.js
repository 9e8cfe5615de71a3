// LoadTest.Sdk helper module for the generated k6 scripts. Requires k6 v0.46 or newer.
// Generated from the template k6-lib.js.sbn: do not edit; override the template instead (docs/generation.md).
// Every helper follows the same rule as its C# twin in LoadTest.Runtime.Payloads.Payload and
// LoadTest.Runtime.Profiles.LoadProfiles, so a k6 run and a `dotnet test` run send the same kind of traffic.
import encoding from 'k6/encoding';
import exec from 'k6/execution';

export const SEED = 0;
export const VOCABULARY = {"cities":["Lisbon","Austin","Osaka","Lyon","Toronto","Krakow","Melbourne","Nairobi","Bogota","Utrecht","Seattle","Porto"],"companySuffixes":["Ltd","Inc","GmbH","Group","Labs","Partners"],"countries":["Portugal","United States","Japan","France","Canada","Poland","Australia","Kenya","Colombia","Netherlands","Germany","Brazil"],"countryCodes":["PT","US","JP","FR","CA","PL","AU","KE","CO","NL","DE","BR"],"currencies":["USD","EUR","GBP","JPY","CAD","AUD","CHF","BRL"],"firstNames":["Emma","Liam","Olivia","Noah","Ava","Lucas","Mia","Ethan","Sofia","Mateo","Amara","Kenji","Priya","Tomas","Chloe","Omar"],"lastNames":["Smith","Garcia","Nguyen","Muller","Rossi","Kowalski","Haddad","Tanaka","Okafor","Silva","Johansson","Dubois","Patel","Novak"],"streetKinds":["Street","Avenue","Road","Lane","Boulevard","Way"],"streetNames":["Oak","Maple","Harbor","Mill","Station","Church","Park","Lake","Hill","King"],"words":["alpha","bravo","cedar","delta","ember","fable","garden","harbor","island","jasper","kettle","lumen","meadow","nectar","orbit","pepper","quartz","river","summit","timber","umber","velvet","willow","zephyr"]};
export const PROFILES = [
  {
    "name": "smoke",
    "executor": "constant-vus",
    "description": "2 VUs for 30 s: does every step work at all",
    "vus": 2,
    "durationMs": 30000,
    "start": 0,
    "maxVus": 0,
    "stages": [],
    "p95": 800,
    "p99": 2000,
    "errorRate": 0.05,
    "abortOnFail": false,
    "delayAbortEvalMs": 0
  },
  {
    "name": "load",
    "executor": "ramping-vus",
    "description": "the campaign shape: from 10 VUs to 50, 200 and 500 over 10 min, hold 2 min, ramp down 2 min",
    "vus": 0,
    "durationMs": 0,
    "start": 10,
    "maxVus": 0,
    "stages": [
      {
        "durationMs": 120000,
        "target": 50
      },
      {
        "durationMs": 300000,
        "target": 200
      },
      {
        "durationMs": 180000,
        "target": 500
      },
      {
        "durationMs": 120000,
        "target": 500
      },
      {
        "durationMs": 120000,
        "target": 0
      }
    ],
    "p95": 800,
    "p99": 2000,
    "errorRate": 0.05,
    "abortOnFail": false,
    "delayAbortEvalMs": 0
  },
  {
    "name": "stress",
    "executor": "ramping-arrival-rate",
    "description": "open model: arrival rate climbs to 1000 iterations/s until a threshold aborts the run (breaking point)",
    "vus": 50,
    "durationMs": 0,
    "start": 10,
    "maxVus": 1000,
    "stages": [
      {
        "durationMs": 120000,
        "target": 100
      },
      {
        "durationMs": 180000,
        "target": 300
      },
      {
        "durationMs": 180000,
        "target": 600
      },
      {
        "durationMs": 120000,
        "target": 1000
      }
    ],
    "p95": 800,
    "p99": 2000,
    "errorRate": 0.05,
    "abortOnFail": true,
    "delayAbortEvalMs": 30000
  },
  {
    "name": "breakpoint",
    "executor": "ramping-arrival-rate",
    "description": "a single long arrival-rate ramp to 2000 iterations/s, stopped by the first failed threshold",
    "vus": 50,
    "durationMs": 0,
    "start": 1,
    "maxVus": 2000,
    "stages": [
      {
        "durationMs": 1200000,
        "target": 2000
      }
    ],
    "p95": 800,
    "p99": 2000,
    "errorRate": 0.05,
    "abortOnFail": true,
    "delayAbortEvalMs": 30000
  },
  {
    "name": "spike",
    "executor": "ramping-vus",
    "description": "a sudden jump from 10 to 500 VUs for 2 min, then back: does it recover",
    "vus": 0,
    "durationMs": 0,
    "start": 0,
    "maxVus": 0,
    "stages": [
      {
        "durationMs": 30000,
        "target": 10
      },
      {
        "durationMs": 60000,
        "target": 10
      },
      {
        "durationMs": 10000,
        "target": 500
      },
      {
        "durationMs": 120000,
        "target": 500
      },
      {
        "durationMs": 10000,
        "target": 10
      },
      {
        "durationMs": 60000,
        "target": 10
      },
      {
        "durationMs": 30000,
        "target": 0
      }
    ],
    "p95": 800,
    "p99": 2000,
    "errorRate": 0.05,
    "abortOnFail": false,
    "delayAbortEvalMs": 0
  },
  {
    "name": "soak",
    "executor": "ramping-vus",
    "description": "200 VUs held for an hour: leaks, pool exhaustion, slow degradation",
    "vus": 0,
    "durationMs": 0,
    "start": 0,
    "maxVus": 0,
    "stages": [
      {
        "durationMs": 300000,
        "target": 200
      },
      {
        "durationMs": 3600000,
        "target": 200
      },
      {
        "durationMs": 300000,
        "target": 0
      }
    ],
    "p95": 800,
    "p99": 2000,
    "errorRate": 0.05,
    "abortOnFail": false,
    "delayAbortEvalMs": 0
  },
  {
    "name": "ci",
    "executor": "constant-vus",
    "description": "100 VUs for 5 min on every deploy",
    "vus": 100,
    "durationMs": 300000,
    "start": 0,
    "maxVus": 0,
    "stages": [],
    "p95": 800,
    "p99": 2000,
    "errorRate": 0.05,
    "abortOnFail": false,
    "delayAbortEvalMs": 0
  },
  {
    "name": "verification",
    "executor": "ramping-vus",
    "description": "target x 1.2 headroom (600 VUs), strict thresholds, then a 30 min soak at 500 VUs",
    "vus": 0,
    "durationMs": 0,
    "start": 10,
    "maxVus": 0,
    "stages": [
      {
        "durationMs": 120000,
        "target": 300
      },
      {
        "durationMs": 180000,
        "target": 600
      },
      {
        "durationMs": 300000,
        "target": 600
      },
      {
        "durationMs": 120000,
        "target": 500
      },
      {
        "durationMs": 1800000,
        "target": 500
      },
      {
        "durationMs": 120000,
        "target": 0
      }
    ],
    "p95": 500,
    "p99": 1500,
    "errorRate": 0.01,
    "abortOnFail": false,
    "delayAbortEvalMs": 0
  }
];

// ---- random numbers: mulberry32, seeded per VU from LOADTEST_SEED (else the build seed) and __VU: reproducible.
let rngState = null;

export function random() {
  if (rngState === null) {
    const seed = parseInt(__ENV.LOADTEST_SEED || String(SEED), 10) || 0;
    rngState = (seed ^ Math.imul(__VU + 1, 0x9e3779b1)) >>> 0;
  }
  rngState = (rngState + 0x6d2b79f5) >>> 0;
  let t = rngState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function integer(min, max) {
  return max <= min ? min : min + Math.floor(random() * (max - min + 1));
}

// Mostly the minimum: each step above it has probability 0.45 (quantities, counts).
export function small(min, max) {
  let value = min;
  while (value < max && random() < 0.45) {
    value++;
  }
  return value;
}

// Zipf-like (exponent 1.07): a few low values are hot, the tail is long (product ids).
export function zipf(min, max) {
  if (max <= min) {
    return min;
  }
  const s = 1.07;
  const n = max - min + 1;
  let rank = Math.floor(Math.pow((Math.pow(n + 1, 1 - s) - 1) * random() + 1, 1 / (1 - s)));
  rank = Math.min(Math.max(rank, 1), n);
  return min + rank - 1;
}

export function decimal(lowK, highK, step, decimals) {
  const factor = Math.pow(10, decimals);
  return Math.round(integer(lowK, highK) * step * factor) / factor;
}

export function bool() {
  return random() < 0.5;
}

export function chance(probability) {
  return random() < probability;
}

export function pick(values) {
  return values[integer(0, values.length - 1)];
}

// An optional member: undefined (left out by JSON.stringify) with probability 1 - p.
export function maybe(probability, value) {
  return random() < probability ? value() : undefined;
}

export function oneOf(alternatives) {
  return alternatives[integer(0, alternatives.length - 1)]();
}

export function orElse(value, fallback) {
  return value === undefined || value === null || value === '' ? fallback() : value;
}

export function array(min, max, item, unique) {
  const count = integer(min, max);
  const result = [];
  const seen = {};
  for (let i = 0; i < count; i++) {
    let value = item();
    let fresh = !unique || !seen[JSON.stringify(value)];
    for (let attempt = 0; !fresh && attempt < 10; attempt++) {
      value = item();
      fresh = !seen[JSON.stringify(value)];
    }
    if (fresh) {
      if (unique) {
        seen[JSON.stringify(value)] = true;
      }
      result.push(value === undefined ? null : value);
    }
  }
  return result;
}

export function fit(value, minLength, maxLength) {
  let text = String(value);
  if (text.length > maxLength) {
    text = text.substring(0, maxLength);
  }
  while (text.length < minLength) {
    text += 'x';
  }
  return text;
}

export function text(minLength, maxLength) {
  const length = integer(minLength, maxLength);
  let result = '';
  while (result.length < length) {
    result += pick(VOCABULARY.words) + ' ';
  }
  result = result.substring(0, length);
  return result.endsWith(' ') ? result.substring(0, result.length - 1) + 'a' : result;
}

export function word() {
  return pick(VOCABULARY.words);
}

export function sentence() {
  const count = integer(4, 10);
  const words = [];
  for (let i = 0; i < count; i++) {
    words.push(pick(VOCABULARY.words));
  }
  const joined = words.join(' ');
  return joined.charAt(0).toUpperCase() + joined.substring(1) + '.';
}

export function firstName() {
  return pick(VOCABULARY.firstNames);
}

export function lastName() {
  return pick(VOCABULARY.lastNames);
}

export function fullName() {
  return firstName() + ' ' + lastName();
}

export function username() {
  return (firstName() + '.' + lastName()).toLowerCase() + integer(1, 999);
}

export function email() {
  return (firstName() + '.' + lastName()).toLowerCase() + integer(1, 999) + '@example.com';
}

export function city() {
  return pick(VOCABULARY.cities);
}

export function country() {
  return pick(VOCABULARY.countries);
}

export function countryCode() {
  return pick(VOCABULARY.countryCodes);
}

export function currency() {
  return pick(VOCABULARY.currencies);
}

export function company() {
  return lastName() + ' ' + pick(VOCABULARY.companySuffixes);
}

export function street() {
  return integer(1, 9999) + ' ' + pick(VOCABULARY.streetNames) + ' ' + pick(VOCABULARY.streetKinds);
}

export function postalCode() {
  return String(integer(10000, 99999));
}

export function phone() {
  return '+1555' + integer(1000000, 9999999);
}

export function id(prefix, min, max) {
  return prefix + zipf(min, max);
}

export function uuid() {
  const hex = '0123456789abcdef';
  let result = '';
  for (let i = 0; i < 32; i++) {
    const digit = i === 12 ? 4 : i === 16 ? 8 + integer(0, 3) : integer(0, 15);
    if (i === 8 || i === 12 || i === 16 || i === 20) {
      result += '-';
    }
    result += hex.charAt(digit);
  }
  return result;
}

const EPOCH_MS = Date.UTC(2020, 0, 1);

export function date() {
  return new Date(EPOCH_MS + integer(0, 2556) * 86400000).toISOString().substring(0, 10);
}

export function dateTime() {
  return new Date(EPOCH_MS + integer(0, 220838400) * 1000).toISOString().substring(0, 19) + 'Z';
}

export function time() {
  return new Date(EPOCH_MS + integer(0, 86399) * 1000).toISOString().substring(11, 19) + 'Z';
}

export function hostname() {
  return pick(VOCABULARY.words) + integer(1, 99) + '.example.com';
}

export function uri() {
  return 'https://' + hostname() + '/' + pick(VOCABULARY.words);
}

export function ipv4() {
  return [integer(1, 223), integer(0, 255), integer(0, 255), integer(1, 254)].join('.');
}

export function ipv6() {
  const groups = ['2001', 'db8'];
  for (let i = 2; i < 8; i++) {
    groups.push(integer(0, 65535).toString(16));
  }
  return groups.join(':');
}

// A user name no other virtual user, instance or earlier run has, for sign-ups: deliberately not from the seeded
// generator (a repeated run would register the same users again and be refused). Twin of Payload.UniqueUsername.
export function uniqueUsername() {
  let name = 'lt';
  while (name.length < 16) {
    name += Math.floor(Math.random() * 16).toString(16);
  }
  return name;
}

export function uniqueEmail() {
  return uniqueUsername() + '@example.com';
}

// Password-shaped, random per call: never a real secret.
export function password() {
  return 'Pw' + uuid().substring(0, 12) + '!9';
}

// A string generated by a compiled pattern program: ["l", text] | ["c", chars, min, max] | ["g", [sequences], min, max].
export function pattern(program) {
  const out = [];
  emitPattern(program, out);
  return out.join('');
}

function emitPattern(sequence, out) {
  for (const node of sequence) {
    if (node[0] === 'l') {
      out.push(node[1]);
    } else if (node[0] === 'c') {
      for (let n = integer(node[2], node[3]); n > 0; n--) {
        out.push(node[1].charAt(integer(0, node[1].length - 1)));
      }
    } else {
      for (let n = integer(node[2], node[3]); n > 0; n--) {
        emitPattern(node[1][integer(0, node[1].length - 1)], out);
      }
    }
  }
}

// ---- requests
// No default target: a run without BASE_URL stops before sending anything (LT4050 in the C# twin).
// The target, or '' when BASE_URL is unset. Not an error at init, so `k6 inspect` and `k6 archive` work without a
// target; the first iteration stops the test (requireTarget).
export function baseUrl() {
  if (!__ENV.BASE_URL || String(__ENV.BASE_URL).trim() === '') {
    return '';
  }
  return String(__ENV.BASE_URL).trim().replace(/\/+$/, '');
}

// There is no default target: without BASE_URL the test stops before any request (LT4050), as the C# twin does.
export function requireTarget(url) {
  if (!url) {
    exec.test.abort('LT4050: BASE_URL is not set: run k6 with -e BASE_URL=https://your-host (there is no default target)');
  }
}

export function seg(value) {
  return encodeURIComponent(asText(value));
}

export function asText(value) {
  if (value === undefined || value === null) {
    return '';
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function query(pairs) {
  const parts = [];
  for (const pair of pairs) {
    if (pair[1] !== undefined && pair[1] !== null) {
      parts.push(encodeURIComponent(pair[0]) + '=' + encodeURIComponent(asText(pair[1])));
    }
  }
  return parts.length === 0 ? '' : '?' + parts.join('&');
}

export function form(body) {
  return Object.keys(body)
    .filter((key) => body[key] !== undefined)
    .map((key) => encodeURIComponent(key) + '=' + encodeURIComponent(asText(body[key])))
    .join('&');
}

// A value from a JSON response by dotted path ("data.id", "items[0].id", "items[*].id": one item at random);
// undefined when absent or not JSON.
export function jsonValue(res, path) {
  let value;
  try {
    value = res.json();
  } catch (e) {
    return undefined;
  }
  for (const part of path.split('.')) {
    const match = /^([^\[]*)((?:\[(?:\d+|\*)\])*)$/.exec(part);
    if (!match) {
      return undefined;
    }
    if (match[1] !== '') {
      value = value === null || value === undefined ? undefined : value[match[1]];
    }
    const indexes = match[2].match(/\d+|\*/g) || [];
    for (const index of indexes) {
      if (!Array.isArray(value) || value.length === 0) {
        value = undefined;
      } else {
        value = value[index === '*' ? integer(0, value.length - 1) : parseInt(index, 10)];
      }
    }
    if (value === undefined || value === null) {
      return undefined;
    }
  }
  return value;
}

// Keeps a value for later steps; a missing one leaves what the variable held (Payload.Capture).
export function capture(vars, name, value) {
  if (value !== undefined && value !== null && value !== '') {
    vars[name] = value;
  }
}

// A value of a body this step sent, by dotted path (what a sign-up registered).
export function pathValue(body, path) {
  let value = body;
  for (const part of path.split('.')) {
    value = value === null || value === undefined || typeof value !== 'object' ? undefined : value[part];
  }
  return value === null ? undefined : value;
}

// The id in a Location header: its last path segment (/api/orders/ord_1 -> ord_1).
export function locationId(res) {
  const location = res.headers['Location'] || res.headers['location'];
  if (!location) {
    return undefined;
  }
  const path = String(location).split(/[?#]/)[0].replace(/\/+$/, '');
  const segment = path.substring(path.lastIndexOf('/') + 1);
  return segment === '' ? undefined : decodeURIComponent(segment);
}

// ---- auth: a JWT's `exp` claim; refresh 30 s before it.
export function jwtExp(token) {
  try {
    const parts = String(token).split('.');
    if (parts.length !== 3) {
      return 0;
    }
    const claims = JSON.parse(encoding.b64decode(parts[1].replace(/=+$/, ''), 'rawurl', 's'));
    return typeof claims.exp === 'number' ? claims.exp : 0;
  } catch (e) {
    return 0;
  }
}

export function tokenValid(token, exp) {
  return !!token && (!exp || Date.now() / 1000 < exp - 30);
}

export function basic(username, password) {
  return 'Basic ' + encoding.b64encode(username + ':' + password);
}

// ---- data pool: rows of a CSV (header row) or JSON array file; one row per iteration.
export function parseData(text, json) {
  if (json) {
    return JSON.parse(text).filter((row) => row !== null && typeof row === 'object' && !Array.isArray(row));
  }
  const records = [];
  let fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      fields.push(field.trim());
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text.charAt(i + 1) === '\n') {
        i++;
      }
      fields.push(field.trim());
      field = '';
      records.push(fields);
      fields = [];
    } else {
      field += c;
    }
  }
  if (field.length > 0 || fields.length > 0) {
    fields.push(field.trim());
    records.push(fields);
  }
  const rows = [];
  if (records.length === 0) {
    return rows;
  }
  const header = records[0];
  for (let r = 1; r < records.length; r++) {
    if (records[r].length === 1 && records[r][0] === '') {
      continue;
    }
    const row = {};
    for (let i = 0; i < header.length; i++) {
      row[header[i]] = i < records[r].length ? records[r][i] : '';
    }
    rows.push(row);
  }
  return rows;
}

// The data file's rows (read() opens it); a file that cannot be read or has no rows stops the run, as in C#.
export function loadData(read, path, json) {
  let text;
  try {
    text = read();
  } catch (e) {
    throw new Error('LT4100: data file ' + path + ' cannot be read (' + e + '). Regenerate the scripts (the build copies LoadTestDataFile beside them), or point LOADTEST_DATA_FILE at the file.');
  }
  let rows;
  try {
    rows = parseData(text, json);
  } catch (e) {
    throw new Error('LT4101: data file ' + path + ' is not a CSV with a header row or a JSON array of objects: ' + e);
  }
  if (rows.length === 0 || !rows.some((row) => Object.keys(row).length > 0)) {
    throw new Error('LT4101: data file ' + path + ' has no rows: give it a header row and at least one data row (CSV), or at least one object (JSON array).');
  }
  return rows;
}

// LOADTEST_DATA_MODE over the build's LoadTestDataMode (DataPoolSettings in C#).
export function dataMode(buildMode) {
  const mode = String(__ENV.LOADTEST_DATA_MODE || buildMode).trim().toLowerCase();
  if (mode !== 'per-vu' && mode !== 'sequential' && mode !== 'random') {
    throw new Error('LT4102: LOADTEST_DATA_MODE=\'' + mode + '\' is not a data mode; use per-vu, sequential, random.');
  }
  return mode;
}

// The row of this iteration: per-vu the VU's own (exec.vu.idInTest, wrapping around), sequential the next one of the
// test (exec.scenario.iterationInTest), random any. Same rule as DataPool.Row in C#.
export function dataRow(rows, mode, vuId, iteration) {
  if (mode === 'per-vu') {
    return rows[(Math.max(vuId, 1) - 1) % rows.length];
  }
  if (mode === 'sequential') {
    return rows[iteration % rows.length];
  }
  return rows[integer(0, rows.length - 1)];
}

// Uniform in [min, max] seconds times the time scale; LOADTEST_THINK_TIME ("1-3", or "0") overrides the range per run.
export function thinkTime(minSeconds, maxSeconds, timeScale) {
  const range = /^\s*(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?\s*$/.exec(__ENV.LOADTEST_THINK_TIME || '');
  if (range) {
    const min = parseFloat(range[1]);
    const max = range[2] === undefined ? min : parseFloat(range[2]);
    if (max >= min) {
      minSeconds = min;
      maxSeconds = max;
    }
  }
  return (minSeconds + random() * (maxSeconds - minSeconds)) * timeScale;
}

// ---- profiles: LOADTEST_PROFILE, else the build default; then LOADTEST_VUS / _DURATION / _RATE / _TIME_SCALE
// over the build-time overrides. Same rules as LoadTest.Runtime.Profiles.LoadProfiles.Resolve.
function setting(name, key, buildOverrides) {
  const fromEnv = __ENV[name];
  if (fromEnv !== undefined && String(fromEnv).trim() !== '') {
    return String(fromEnv).trim();
  }
  const fromBuild = buildOverrides[key];
  return fromBuild !== undefined && String(fromBuild).trim() !== '' ? String(fromBuild).trim() : null;
}

function wholeNumber(text) {
  return text !== null && /^\+?\d+$/.test(text) ? parseInt(text, 10) : null;
}

export function durationMs(text) {
  if (text === null) {
    return null;
  }
  if (/^\d+(\.\d+)?$/.test(text)) {
    return parseFloat(text) * 1000;
  }
  if (!/^(\d+(\.\d+)?(h|ms|m|s))+$/.test(text)) {
    return null;
  }
  let ms = 0;
  const units = { h: 3600000, m: 60000, s: 1000, ms: 1 };
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s)/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    ms += parseFloat(m[1]) * units[m[2]];
  }
  return ms;
}

export function formatDuration(ms) {
  const whole = Math.round(ms);
  return whole % 1000 === 0 ? whole / 1000 + 's' : whole + 'ms';
}

function scaleTime(ms, factor) {
  return Math.max(1, Math.round(ms * factor));
}

function scaleTarget(target, factor) {
  return target === 0 ? 0 : Math.max(1, Math.round(target * factor));
}

// A refused value stops the run before it starts (k6 exits 107), naming the variable, the value and what is accepted:
// the same rules and LT codes as LoadTest.Runtime.Configuration.SettingRules.
const BUILD_PROPERTIES = { vus: 'LoadTestVus', duration: 'LoadTestDuration', rate: 'LoadTestRate', timeScale: 'LoadTestTimeScale' };

function checkedSetting(name, key, buildOverrides, code, accepted, parse) {
  const text = setting(name, key, buildOverrides);
  if (text === null) {
    return null;
  }
  const value = parse(text);
  if (value === null) {
    const fromEnv = __ENV[name] !== undefined && String(__ENV[name]).trim() !== '';
    const shown = fromEnv ? name + "='" + text + "'" : BUILD_PROPERTIES[key] + "='" + text + "' (build-time default baked into the generated code)";
    throw new Error(code + ': ' + shown + ' is not accepted: use ' + accepted + '.');
  }
  return value;
}

function countBetween(min, max) {
  return (text) => {
    const n = wholeNumber(text);
    return n !== null && n >= min && n <= max ? n : null;
  };
}

export function resolveProfile(defaultName, buildOverrides) {
  const requested = __ENV.LOADTEST_PROFILE && String(__ENV.LOADTEST_PROFILE).trim() !== '' ? String(__ENV.LOADTEST_PROFILE).trim() : defaultName;
  const profile = PROFILES.find((p) => p.name === requested.toLowerCase());
  if (!profile) {
    throw new Error("LT4110: LOADTEST_PROFILE='" + requested + "' is not a profile: use one of " + PROFILES.map((p) => p.name).join(', ') + '.');
  }
  const vus = checkedSetting('LOADTEST_VUS', 'vus', buildOverrides, 'LT4111', 'a whole number of VUs from 1 to 1000000, e.g. 50', countBetween(1, 1000000));
  const rate = checkedSetting('LOADTEST_RATE', 'rate', buildOverrides, 'LT4113', 'a whole number of iterations per second from 1 to 1000000, e.g. 200', countBetween(1, 1000000));
  const duration = checkedSetting('LOADTEST_DURATION', 'duration', buildOverrides, 'LT4112', 'a k6 duration above 0 and at most 744h (31 days), e.g. 90s, 5m or 1h30m',
    (text) => {
      const ms = durationMs(text);
      return ms !== null && ms > 0 && ms <= 31 * 86400000 ? ms : null;
    });
  const scaleValue = checkedSetting('LOADTEST_TIME_SCALE', 'timeScale', buildOverrides, 'LT4114', 'a number above 0 and at most 1000, e.g. 0.05 (14 minutes become 42 seconds) or 2',
    (text) => {
      const n = parseFloat(text);
      return /^[+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) && isFinite(n) && n > 0 && n <= 1000 ? n : null;
    });
  const think = __ENV.LOADTEST_THINK_TIME;
  if (think !== undefined && String(think).trim() !== '') {
    const range = /^\s*(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?\s*$/.exec(String(think));
    if (!range || (range[2] !== undefined && parseFloat(range[2]) < parseFloat(range[1])) || parseFloat(range[2] === undefined ? range[1] : range[2]) > 3600) {
      throw new Error("LT4115: LOADTEST_THINK_TIME='" + think + "' is not accepted: use seconds as \"min-max\" or one number, from 0 to 3600, e.g. 1-3 or 0 for none.");
    }
  }
  const scale = scaleValue === null ? 1 : scaleValue;
  const total = profile.executor === 'constant-vus' ? profile.durationMs : profile.stages.reduce((sum, s) => sum + s.durationMs, 0);
  const peak = profile.executor === 'constant-vus' ? profile.vus : Math.max(profile.start, ...profile.stages.map((s) => s.target));
  let targetFactor = 1;
  if (profile.executor === 'ramping-vus' && vus !== null && peak > 0) {
    targetFactor = vus / peak;
  } else if (profile.executor === 'ramping-arrival-rate' && rate !== null && peak > 0) {
    targetFactor = rate / peak;
  }
  const timeFactor = (duration !== null && total > 0 ? duration / total : 1) * scale;
  const resolved = {
    name: profile.name,
    executor: profile.executor,
    timeScale: scale,
    limits: { p95: profile.p95, p99: profile.p99, errorRate: profile.errorRate, abortOnFail: profile.abortOnFail, delayAbortEvalMs: profile.delayAbortEvalMs },
  };
  if (profile.executor === 'constant-vus') {
    resolved.vus = vus !== null ? vus : profile.vus;
    resolved.durationMs = scaleTime(duration !== null ? duration : profile.durationMs, scale);
  } else {
    resolved.start = scaleTarget(profile.start, targetFactor);
    resolved.stages = profile.stages.map((s) => ({ durationMs: scaleTime(s.durationMs, timeFactor), target: scaleTarget(s.target, targetFactor) }));
    if (profile.executor === 'ramping-arrival-rate') {
      resolved.preAllocatedVus = vus !== null ? Math.min(profile.vus, vus) : profile.vus;
      resolved.maxVus = vus !== null ? vus : profile.maxVus;
    }
  }
  return resolved;
}

// The k6 scenario for a share (0-1] of the profile's load, running the exported function `exec`.
export function scenario(profile, share, exec) {
  const t = (target) => scaleTarget(target, share);
  if (profile.executor === 'constant-vus') {
    return { executor: 'constant-vus', vus: t(profile.vus), duration: formatDuration(profile.durationMs), exec: exec };
  }
  const stages = profile.stages.map((s) => ({ duration: formatDuration(s.durationMs), target: t(s.target) }));
  if (profile.executor === 'ramping-vus') {
    return { executor: 'ramping-vus', startVUs: t(profile.start), stages: stages, exec: exec };
  }
  return {
    executor: 'ramping-arrival-rate',
    startRate: t(profile.start),
    timeUnit: '1s',
    preAllocatedVUs: t(profile.preAllocatedVus),
    maxVUs: t(profile.maxVus),
    stages: stages,
    exec: exec,
  };
}

// k6 thresholds: global limits (abortOnFail where the profile says), p(95) per operation, a rate per error metric.
export function thresholds(profile, operations, errorMetrics) {
  const limits = profile.limits;
  const spec = (expression, abort) => (abort && limits.abortOnFail
    ? { threshold: expression, abortOnFail: true, delayAbortEval: formatDuration(limits.delayAbortEvalMs) }
    : expression);
  const result = {
    http_req_duration: [spec('p(95)<' + limits.p95, true), spec('p(99)<' + limits.p99, false)],
    http_req_failed: [spec('rate<' + limits.errorRate, true)],
  };
  for (const operation of operations) {
    result['http_req_duration{name:' + operation + '}'] = ['p(95)<' + limits.p95];
  }
  for (const metric of errorMetrics) {
    result[metric] = ['rate<' + limits.errorRate];
  }
  return result;
}

// ---- handleSummary: the summary JSON to a file k6 can write, and an end-of-test text summary on stdout.
// k6 writes the files handleSummary returns but creates no folder, and resolves relative paths from its working
// directory. So the JSON goes to LOADTEST_RESULTS_DIR (an existing folder, given with -e) or to the working directory.
export function summaryPath(name) {
  const dir = __ENV.LOADTEST_RESULTS_DIR && String(__ENV.LOADTEST_RESULTS_DIR).trim() !== '' ? String(__ENV.LOADTEST_RESULTS_DIR).trim().replace(/[\/\\]+$/, '') : '';
  return (dir === '' ? '' : dir + '/') + name + '.summary.json';
}

export function summary(data, name) {
  const path = summaryPath(name);
  const out = { stdout: textSummary(data) + '\n     summary JSON: ' + path + '\n\n' };
  out[path] = JSON.stringify(data, null, 2);
  return out;
}

// The end-of-test summary in the layout of k6's own (checks, then one line per metric, a check mark or cross for thresholds),
// written here because returning stdout from handleSummary replaces k6's and its jslib is remote (offline here).
export function textSummary(data) {
  const lines = [''];
  summaryChecks(data.root_group, '     ', lines);
  const metrics = data.metrics || {};
  const names = Object.keys(metrics).sort();
  const rows = [];
  for (const name of names) {
    const brace = name.indexOf('{');
    const parent = brace > 0 ? name.substring(0, brace) : null;
    if (parent !== null && metrics[parent]) {
      continue;
    }
    rows.push({ label: name, metric: metrics[name], indent: '' });
    for (const sub of names) {
      if (sub.indexOf(name + '{') === 0) {
        rows.push({ label: '{ ' + sub.substring(name.length + 1, sub.length - 1) + ' }', metric: metrics[sub], indent: '  ' });
      }
    }
  }
  let width = 0;
  for (const row of rows) {
    width = Math.max(width, row.indent.length + row.label.length);
  }
  const options = data.options || {};
  const seconds = data.state && data.state.testRunDurationMs > 0 ? data.state.testRunDurationMs / 1000 : 0;
  for (const row of rows) {
    const mark = thresholdMark(row.metric);
    const head = (mark === '' ? '     ' + row.indent : '   ' + row.indent + mark + ' ') + row.label;
    lines.push(head + '.'.repeat(width + 3 - row.indent.length - row.label.length) + ': ' + metricValues(row.metric, options, seconds));
  }
  const duration = seconds > 0 ? '     test run: ' + formatSeconds(seconds) : null;
  if (duration !== null) {
    lines.push('', duration);
  }
  return lines.join('\n');
}

function summaryChecks(group, indent, lines) {
  if (!group) {
    return;
  }
  if (group.name) {
    lines.push(indent + '\u2588 ' + group.name, '');
    indent += '  ';
  }
  for (const c of group.checks || []) {
    const total = c.passes + c.fails;
    lines.push(indent + (c.fails === 0 ? '\u2713 ' : '\u2717 ') + c.name);
    if (c.fails > 0) {
      lines.push(indent + ' \u21b3  ' + Math.floor((100 * c.passes) / total) + '% \u2014 \u2713 ' + c.passes + ' / \u2717 ' + c.fails);
    }
  }
  if ((group.checks || []).length > 0) {
    lines.push('');
  }
  for (const sub of group.groups || []) {
    summaryChecks(sub, indent, lines);
  }
}

function thresholdMark(metric) {
  const thresholds = metric.thresholds || {};
  const expressions = Object.keys(thresholds);
  if (expressions.length === 0) {
    return '';
  }
  return expressions.every((e) => thresholds[e].ok) ? '\u2713' : '\u2717';
}

function metricValues(metric, options, seconds) {
  const v = metric.values || {};
  const show = (x) => (metric.contains === 'time' ? formatMs(x, options.summaryTimeUnit) : metric.contains === 'data' ? formatBytes(x) : formatNumber(x));
  const pad = (text) => (text.length < 8 ? text + ' '.repeat(8 - text.length) : text);
  if (metric.type === 'trend') {
    const stats = options.summaryTrendStats && options.summaryTrendStats.length > 0 ? options.summaryTrendStats : Object.keys(v);
    return stats.filter((s) => v[s] !== undefined).map((s) => pad(s + '=' + show(v[s]))).join(' ');
  }
  if (metric.type === 'rate') {
    return pad(formatNumber((v.rate || 0) * 100, 2) + '%') + ' \u2713 ' + pad(String(v.passes || 0)) + ' \u2717 ' + (v.fails || 0);
  }
  if (metric.type === 'counter') {
    const perSecond = v.rate !== undefined ? v.rate : seconds > 0 ? v.count / seconds : 0;
    return pad(show(v.count || 0)) + ' ' + show(perSecond) + '/s';
  }
  return pad(show(v.value || 0)) + ' min=' + pad(show(v.min || 0)) + ' max=' + show(v.max || 0);
}

function formatNumber(x, decimals) {
  if (decimals !== undefined) {
    return x.toFixed(decimals);
  }
  return Math.abs(x - Math.round(x)) < 1e-9 ? String(Math.round(x)) : String(parseFloat(x.toFixed(Math.abs(x) < 10 ? 4 : 2)));
}

function formatMs(ms, unit) {
  if (unit === 's') {
    return formatNumber(ms / 1000, 2) + 's';
  }
  if (unit === 'ms') {
    return formatNumber(ms, 2) + 'ms';
  }
  if (unit === 'us') {
    return formatNumber(ms * 1000, 2) + '\u00b5s';
  }
  if (ms === 0) {
    return '0s';
  }
  if (ms < 1) {
    return formatNumber(ms * 1000, 2) + '\u00b5s';
  }
  return ms < 1000 ? formatNumber(ms, 2) + 'ms' : formatSeconds(ms / 1000);
}

function formatSeconds(s) {
  if (s < 60) {
    return formatNumber(s, 2) + 's';
  }
  const minutes = Math.floor(s / 60);
  const rest = s - minutes * 60;
  return minutes >= 60 ? Math.floor(minutes / 60) + 'h' + (minutes % 60) + 'm' + Math.round(rest) + 's' : minutes + 'm' + formatNumber(rest, 1) + 's';
}

function formatBytes(bytes) {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let i = 0;
  while (value >= 1000 && i < units.length - 1) {
    value /= 1000;
    i++;
  }
  return (i === 0 ? String(Math.round(value)) : formatNumber(value, 1)) + ' ' + units[i];
}
