import { PersistFacts, SinkKind } from './model';

/**
 * Where data leaves handler code (DESIGN.md "Code model"): loggers, storage, HTTP clients,
 * analytics and ads SDKs, e-mail and SMS senders. Everything here is knowledge of libraries, keyed
 * by a value's origin: the module it came from and the property path since (`aws-sdk` +
 * `DynamoDB.DocumentClient.new`), never by a variable's name.
 */

/** A value that comes from a library: the library and the property/call path since its import. */
export interface LibRef {
  lib: string;
  path: readonly string[];
}

/** Path segments for calls and constructions. */
export const CALL = '()';
export const NEW = 'new';

export type Store = PersistFacts['store'];

/** Where an HTTP call's URL is: a string argument, or properties of an options argument. */
export interface UrlShape {
  arg: number;
  /** Properties of an options object that hold the URL or host; absent when the argument is the URL. */
  keys?: string[];
  /** The argument may be either the URL or an options object (`request(url)`, `request({ uri })`). */
  either?: boolean;
}

/** Where the stored item is in a persistence call's arguments: `arg0`, `arg0.Item`, or none (updates). */
export interface ItemShape {
  arg: number;
  key?: string;
}

export type CallRule =
  | {
      t: 'sink';
      kind: SinkKind;
      /** Library or service for messages: "DynamoDB", "winston", "Segment". */
      destination: string;
      store?: Store;
      item?: ItemShape;
      url?: UrlShape;
      /** The sink counts only when this key is in the first argument's object literal (SNS `PhoneNumber`). */
      requireKey?: string;
      /** The value the call returns, when the chain continues (superagent `.send()`). */
      result?: LibRef;
      /** The data arguments; all when absent. */
      dataArgs?: number[];
    }
  | {
      t: 'lib';
      /** The value of the call: a client of a known kind. */
      result: LibRef;
      /** Where a base URL for later calls is (`axios.create({ baseURL })`). */
      baseUrl?: UrlShape;
    };

const LOG_METHODS = new Set([
  'log', 'info', 'warn', 'warning', 'error', 'debug', 'trace', 'fatal', 'verbose', 'silly', 'http', 'notice', 'critical', 'crit', 'alert', 'emerg', 'success', 'child', 'dir', 'table',
]);

const LOGGERS: Record<string, string> = {
  winston: 'winston',
  pino: 'pino',
  bunyan: 'bunyan',
  log4js: 'log4js',
  debug: 'debug',
  loglevel: 'loglevel',
  npmlog: 'npmlog',
  signale: 'signale',
  consola: 'consola',
  'lambda-log': 'lambda-log',
  '@aws-lambda-powertools/logger': 'Powertools Logger',
};

const HTTP: Record<string, string> = {
  axios: 'axios',
  'node-fetch': 'fetch',
  'cross-fetch': 'fetch',
  'isomorphic-fetch': 'fetch',
  got: 'got',
  request: 'request',
  'request-promise': 'request',
  'request-promise-native': 'request',
  requestretry: 'request',
  'postman-request': 'request',
  http: 'https',
  https: 'https',
  'node:http': 'https',
  'node:https': 'https',
  superagent: 'superagent',
  needle: 'needle',
  ky: 'ky',
  'ky-universal': 'ky',
  undici: 'undici',
};

const ANALYTICS: Record<string, string> = {
  'analytics-node': 'Segment',
  '@segment/analytics-node': 'Segment',
  mixpanel: 'Mixpanel',
  amplitude: 'Amplitude',
  '@amplitude/node': 'Amplitude',
  '@amplitude/analytics-node': 'Amplitude',
  'amplitude-js': 'Amplitude',
  'universal-analytics': 'Google Analytics',
  'ga4-mp': 'Google Analytics',
  'node-google-analytics': 'Google Analytics',
  dashbot: 'Dashbot',
  voicelabs: 'VoiceLabs',
  'voicelabs-alexa': 'VoiceLabs',
  'voicehero-sdk': 'Voicehero',
  voicehero: 'Voicehero',
  chatbase: 'Chatbase',
  '@google/chatbase': 'Chatbase',
  botanalytics: 'Botanalytics',
  'posthog-node': 'PostHog',
  'keen-tracking': 'Keen',
  'keen-js': 'Keen',
  applicationinsights: 'Azure Application Insights',
  '@sentry/node': 'Sentry',
  '@sentry/serverless': 'Sentry',
  '@sentry/aws-serverless': 'Sentry',
  raven: 'Sentry',
  '@bugsnag/js': 'Bugsnag',
  bugsnag: 'Bugsnag',
  rollbar: 'Rollbar',
  newrelic: 'New Relic',
  'bespoken-tools': 'Bespoken Logless',
  'voiceinsights-sdk': 'VoiceInsights',
  'facebook-nodejs-business-sdk': 'Facebook Ads',
};

const MESSAGING: Record<string, string> = {
  nodemailer: 'nodemailer',
  twilio: 'Twilio',
  '@sendgrid/mail': 'SendGrid',
  sendgrid: 'SendGrid',
  'mailgun-js': 'Mailgun',
  'mailgun.js': 'Mailgun',
  postmark: 'Postmark',
  '@vonage/server-sdk': 'Vonage',
  nexmo: 'Vonage',
  '@mailchimp/mailchimp_transactional': 'Mailchimp',
  'mandrill-api': 'Mailchimp',
};
const MESSAGING_METHODS = new Set(['sendMail', 'send', 'create', 'sendEmail', 'sendEmailWithTemplate', 'sendSms', 'sendMultiple', 'sendTemplate', 'sendMessage', 'sendEmailBatch']);

const DATABASES: Record<string, { store: Store; name: string }> = {
  mongoose: { store: 'mongodb', name: 'MongoDB (mongoose)' },
  mongodb: { store: 'mongodb', name: 'MongoDB' },
  'firebase-admin': { store: 'firestore', name: 'Firebase' },
  firebase: { store: 'firestore', name: 'Firebase' },
  'firebase/firestore': { store: 'firestore', name: 'Firestore' },
  'firebase/database': { store: 'firestore', name: 'Firebase Realtime Database' },
  'firebase-admin/firestore': { store: 'firestore', name: 'Firestore' },
  '@google-cloud/firestore': { store: 'firestore', name: 'Firestore' },
  redis: { store: 'redis', name: 'Redis' },
  ioredis: { store: 'redis', name: 'Redis' },
  pg: { store: 'sql', name: 'PostgreSQL' },
  mysql: { store: 'sql', name: 'MySQL' },
  mysql2: { store: 'sql', name: 'MySQL' },
  'mysql2/promise': { store: 'sql', name: 'MySQL' },
  sqlite3: { store: 'sql', name: 'SQLite' },
  'better-sqlite3': { store: 'sql', name: 'SQLite' },
  sequelize: { store: 'sql', name: 'Sequelize' },
  knex: { store: 'sql', name: 'Knex' },
  '@supabase/supabase-js': { store: 'sql', name: 'Supabase' },
  dynamoose: { store: 'dynamodb', name: 'DynamoDB (dynamoose)' },
  airtable: { store: 'other', name: 'Airtable' },
};

const DB_WRITES: Record<Store, Set<string>> = {
  mongodb: new Set(['create', 'insertMany', 'insertOne', 'save', 'updateOne', 'updateMany', 'findOneAndUpdate', 'findByIdAndUpdate', 'replaceOne', 'findOneAndReplace', 'bulkWrite']),
  firestore: new Set(['set', 'add', 'update', 'push', 'setDoc', 'addDoc', 'updateDoc', 'create']),
  redis: new Set(['set', 'setex', 'setEx', 'psetex', 'pSetEx', 'hset', 'hSet', 'hmset', 'hmSet', 'hsetnx', 'hSetNX', 'lpush', 'lPush', 'rpush', 'rPush', 'sadd', 'sAdd', 'zadd', 'zAdd', 'append', 'mset', 'mSet', 'xadd', 'xAdd']),
  sql: new Set(['query', 'execute', 'run', 'exec', 'insert', 'create', 'upsert', 'update', 'bulkCreate', 'prepare']),
  dynamodb: new Set(['create', 'save', 'update']),
  other: new Set(['create', 'update', 'replace']),
  attributes: new Set(),
  'dynamodb-low-level': new Set(),
  s3: new Set(),
};

/** Items with one of these keys (or a write naming one) expire. */
export const EXPIRY_KEY = /^(ttl|timeToLive|expires?At|expireAt|expiration(Time|Date|Timestamp)?|expiry(Date|Time)?|expires|expiresOn|deleteAt)$/i;
/** The same words inside an update expression or a redis option. */
export const EXPIRY_WORD = /(^|[^A-Za-z])(ttl|timeToLive|expires?At|expireAt|expiration|expiry)([^A-Za-z]|$)/i;

/** The library of an import specifier, with the path it starts at (`aws-sdk/clients/dynamodb` is `aws-sdk` `DynamoDB`). */
export function libOfModule(spec: string): LibRef | undefined {
  if (spec === 'ask-sdk-core' || spec === 'ask-sdk' || spec === 'ask-sdk-v1adapter') return { lib: 'ask', path: [] };
  if (spec === 'alexa-sdk') return { lib: 'alexa-sdk', path: [] };
  const clients = /^aws-sdk\/clients\/(\w+)$/.exec(spec);
  if (clients) {
    const name = clients[1].toLowerCase();
    const svc = name === 'dynamodb' ? 'DynamoDB' : name === 's3' ? 'S3' : name === 'ses' ? 'SES' : name === 'sns' ? 'SNS' : name.toUpperCase();
    return { lib: 'aws-sdk', path: [svc] };
  }
  if (spec === 'aws-sdk' || spec.startsWith('@aws-sdk/')) return { lib: spec, path: [] };
  if (spec in LOGGERS) return { lib: `log:${spec}`, path: [] };
  if (spec in HTTP) return { lib: `http:${HTTP[spec]}`, path: [] };
  if (spec in ANALYTICS) return { lib: `analytics:${ANALYTICS[spec]}`, path: [] };
  if (spec in MESSAGING) return { lib: `msg:${MESSAGING[spec]}`, path: [] };
  if (spec in DATABASES) return { lib: `db:${spec}`, path: [] };
  return { lib: `pkg:${spec}`, path: [] };
}

/**
 * Whether values of library `lib` can be or become a store: a database client (`db:`), the AWS
 * SDK (`aws-sdk`, `@aws-sdk/…`, and what its constructors return, `aws:…`). `classifyLibCall`
 * keeps a call's result in its library's family (a logger's `child()` is a logger, axios's
 * `create()` an HTTP client), so no other library's value ever stores or deletes data:
 * code/storage.ts skips resolving calls where no such library is imported.
 */
export function mayStore(lib: string): boolean {
  return lib.startsWith('db:') || lib === 'aws-sdk' || lib.startsWith('@aws-sdk/') || lib.startsWith('aws:');
}

/** Globals that are libraries: `console`, `fetch`. */
export function libOfGlobal(name: string): LibRef | undefined {
  if (name === 'console') return { lib: 'console', path: [] };
  if (name === 'fetch') return { lib: 'http:fetch', path: [] };
  return undefined;
}

function last(path: readonly string[]): string | undefined {
  return path[path.length - 1];
}

function sink(kind: SinkKind, destination: string, extra: Partial<Extract<CallRule, { t: 'sink' }>> = {}): CallRule {
  return { t: 'sink', kind, destination, ...extra };
}

const URL_KEYS = ['url', 'uri', 'baseURL', 'baseUrl', 'prefixUrl', 'hostname', 'host'];

/**
 * What calling (or constructing, `isNew`) a library value does. `ref.path` ends with the method
 * name for method calls. Undefined: nothing known, the result is just "something from the library".
 */
export function classifyLibCall(ref: LibRef, isNew: boolean): CallRule | undefined {
  const { lib, path } = ref;
  const m = last(path);
  if (lib === 'console') return m && LOG_METHODS.has(m) && path.length === 1 ? sink('log', 'console') : undefined;
  if (lib.startsWith('log:')) return loggerCall(lib.slice(4), path, isNew);
  if (lib.startsWith('http:')) return httpCall(lib.slice(5), path);
  if (lib.startsWith('analytics:')) return isNew && path.length <= 1 ? undefined : sink('analytics', lib.slice(10));
  if (lib.startsWith('msg:')) return m && MESSAGING_METHODS.has(m) ? sink('messaging', lib.slice(4)) : undefined;
  if (lib.startsWith('db:')) {
    const db = DATABASES[lib.slice(3)];
    if (!db) return undefined;
    if (m && DB_WRITES[db.store].has(m)) {
      // mongodb/mongoose updates take (filter, update); everything else stores its first argument.
      const second = db.store === 'mongodb' && (m.startsWith('update') || m.startsWith('replace') || m.startsWith('findOneAnd') || m === 'findByIdAndUpdate');
      return sink('persist', db.name, { store: db.store, item: db.store === 'redis' || db.store === 'sql' ? undefined : { arg: second ? 1 : 0 } });
    }
    // `new Model(data)` of a mongoose model: the document is built to be saved.
    if (isNew && db.store === 'mongodb' && path.length > 1) return sink('persist', db.name, { store: db.store, item: { arg: 0 } });
    return undefined;
  }
  if (lib === 'aws-sdk' || lib.startsWith('@aws-sdk/') || lib.startsWith('aws:')) return awsCall(lib, path, isNew);
  return undefined;
}

function loggerCall(name: string, path: readonly string[], isNew: boolean): CallRule | undefined {
  const dest = LOGGERS[name] ?? name;
  const m = last(path);
  if (name === 'debug') {
    // require('debug')('ns') makes the logging function; calling that logs.
    if (path.length === 0) return { t: 'lib', result: { lib: 'log:debug', path: ['fn'] } };
    if (path.length === 1 && path[0] === 'fn') return sink('log', dest);
    return undefined;
  }
  if (isNew) return { t: 'lib', result: { lib: `log:${name}`, path: [] } };
  if (m && LOG_METHODS.has(m)) return sink('log', dest);
  // createLogger(), getLogger(), pino(), new Logger(): a logger.
  if (path.length === 0 || m === 'createLogger' || m === 'getLogger' || m === 'child' || m === 'Logger') return { t: 'lib', result: { lib: `log:${name}`, path: [] } };
  return undefined;
}

const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'request']);

function httpCall(name: string, path: readonly string[]): CallRule | undefined {
  const m = last(path);
  const dest = name === 'https' ? 'https' : name;
  switch (name) {
    case 'fetch':
      return path.length === 0 || m === 'default' ? sink('http', dest, { url: { arg: 0, keys: ['url'], either: true } }) : undefined;
    case 'undici':
      if (m === 'fetch' || m === 'request') return sink('http', 'undici', { url: { arg: 0, either: true, keys: ['url'] } });
      return undefined;
    case 'axios':
    case 'ky':
    case 'got':
    case 'request':
    case 'needle': {
      if (m === 'create' || m === 'extend' || m === 'defaults') return { t: 'lib', result: { lib: `http:${name}`, path: [] }, baseUrl: { arg: 0, keys: URL_KEYS } };
      if (path.length === 0) {
        if (name === 'needle') return sink('http', dest, { url: { arg: 1 } });
        return sink('http', dest, { url: { arg: 0, keys: URL_KEYS, either: true } });
      }
      if (path.length === 1 && m && HTTP_VERBS.has(m)) {
        if (name === 'needle' && m === 'request') return sink('http', dest, { url: { arg: 1 } });
        return sink('http', dest, { url: { arg: 0, keys: URL_KEYS, either: true } });
      }
      return undefined;
    }
    case 'https':
      if (path.length === 1 && (m === 'request' || m === 'get')) {
        return sink('http', dest, { url: { arg: 0, keys: URL_KEYS, either: true }, result: { lib: 'http:https', path: ['req'] } });
      }
      if (path.length === 2 && path[0] === 'req' && (m === 'write' || m === 'end')) return sink('http', dest);
      return undefined;
    case 'superagent':
      if (path.length === 0) return sink('http', dest, { url: { arg: 1 }, result: { lib: 'http:superagent', path: ['req'] } });
      if (path.length === 1 && m && HTTP_VERBS.has(m)) return sink('http', dest, { url: { arg: 0 }, result: { lib: 'http:superagent', path: ['req'] } });
      if (path.length === 2 && path[0] === 'req') {
        if (m === 'send' || m === 'query' || m === 'set' || m === 'field' || m === 'attach' || m === 'auth') return sink('http', dest, { result: { lib: 'http:superagent', path: ['req'] } });
        return { t: 'lib', result: { lib: 'http:superagent', path: ['req'] } };
      }
      return undefined;
    default:
      return undefined;
  }
}

const V3_DDB_DOC_WRITES: Record<string, ItemShape | undefined> = { PutCommand: { arg: 0, key: 'Item' }, UpdateCommand: undefined, BatchWriteCommand: undefined, TransactWriteCommand: undefined };
const V3_DDB_WRITES: Record<string, ItemShape | undefined> = { PutItemCommand: { arg: 0, key: 'Item' }, UpdateItemCommand: undefined, BatchWriteItemCommand: undefined, TransactWriteItemsCommand: undefined };
const SES_SENDS = new Set(['sendEmail', 'sendRawEmail', 'sendTemplatedEmail', 'sendBulkTemplatedEmail', 'SendEmailCommand', 'SendRawEmailCommand', 'SendTemplatedEmailCommand', 'SendBulkTemplatedEmailCommand', 'SendBulkEmailCommand']);

function awsCall(lib: string, path: readonly string[], isNew: boolean): CallRule | undefined {
  const m = last(path);
  if (lib === 'aws:ddbdoc') {
    if (m === 'put') return sink('persist', 'DynamoDB', { store: 'dynamodb', item: { arg: 0, key: 'Item' }, dataArgs: [0] });
    if (m === 'update' || m === 'batchWrite' || m === 'transactWrite') return sink('persist', 'DynamoDB', { store: 'dynamodb', dataArgs: [0] });
    return undefined;
  }
  if (lib === 'aws:ddb') {
    if (m === 'putItem') return sink('persist', 'DynamoDB', { store: 'dynamodb-low-level', item: { arg: 0, key: 'Item' }, dataArgs: [0] });
    if (m === 'updateItem' || m === 'batchWriteItem' || m === 'transactWriteItems') return sink('persist', 'DynamoDB', { store: 'dynamodb-low-level', dataArgs: [0] });
    return undefined;
  }
  if (lib === 'aws:s3') return m === 'putObject' || m === 'upload' ? sink('persist', 'Amazon S3', { store: 's3', dataArgs: [0] }) : undefined;
  if (lib === 'aws:ses') return m && SES_SENDS.has(m) ? sink('messaging', 'Amazon SES', { dataArgs: [0] }) : undefined;
  if (lib === 'aws:sns') return m === 'publish' ? sink('messaging', 'Amazon SNS (SMS)', { requireKey: 'PhoneNumber', dataArgs: [0] }) : undefined;

  const client = (svc: string | undefined): CallRule | undefined => {
    switch (svc) {
      case 'DynamoDB':
        return { t: 'lib', result: { lib: 'aws:ddb', path: [] } };
      case 'S3':
        return { t: 'lib', result: { lib: 'aws:s3', path: [] } };
      case 'SES':
      case 'SESV2':
      case 'SESv2':
        return { t: 'lib', result: { lib: 'aws:ses', path: [] } };
      case 'SNS':
        return { t: 'lib', result: { lib: 'aws:sns', path: [] } };
      default:
        return undefined;
    }
  };
  if (lib === 'aws-sdk') {
    if (!isNew) return undefined;
    if (path.length === 2 && path[0] === 'DynamoDB' && path[1] === 'DocumentClient') return { t: 'lib', result: { lib: 'aws:ddbdoc', path: [] } };
    if (path.length === 1) return client(path[0]);
    return undefined;
  }
  if (lib === '@aws-sdk/lib-dynamodb') {
    if (!isNew && path.length === 2 && (path[0] === 'DynamoDBDocument' || path[0] === 'DynamoDBDocumentClient') && path[1] === 'from') return { t: 'lib', result: { lib: 'aws:ddbdoc', path: [] } };
    if (isNew && path.length === 1 && m && m in V3_DDB_DOC_WRITES) return sink('persist', 'DynamoDB', { store: 'dynamodb', item: V3_DDB_DOC_WRITES[m], dataArgs: [0] });
    return undefined;
  }
  if (lib === '@aws-sdk/client-dynamodb') {
    if (isNew && path.length === 1 && m && m in V3_DDB_WRITES) return sink('persist', 'DynamoDB', { store: 'dynamodb-low-level', item: V3_DDB_WRITES[m], dataArgs: [0] });
    if (isNew && path.length === 1 && m === 'DynamoDB') return client('DynamoDB');
    return undefined;
  }
  if (lib === '@aws-sdk/client-s3') {
    if (isNew && path.length === 1 && m === 'PutObjectCommand') return sink('persist', 'Amazon S3', { store: 's3', dataArgs: [0] });
    if (isNew && path.length === 1 && m === 'S3') return client('S3');
    return undefined;
  }
  if (lib === '@aws-sdk/lib-storage') return isNew && m === 'Upload' ? sink('persist', 'Amazon S3', { store: 's3', dataArgs: [0] }) : undefined;
  if (lib === '@aws-sdk/client-ses' || lib === '@aws-sdk/client-sesv2') {
    if (isNew && path.length === 1 && m && SES_SENDS.has(m)) return sink('messaging', 'Amazon SES', { dataArgs: [0] });
    if (isNew && path.length === 1) return client(m === 'SESv2Client' ? 'SES' : m);
    return undefined;
  }
  if (lib === '@aws-sdk/client-sns') {
    if (isNew && path.length === 1 && m === 'PublishCommand') return sink('messaging', 'Amazon SNS (SMS)', { requireKey: 'PhoneNumber', dataArgs: [0] });
    if (isNew && path.length === 1 && m === 'SNS') return client('SNS');
    return undefined;
  }
  return undefined;
}

/** For sink descriptions: the library's display name. */
export function libDisplayName(lib: string): string {
  const i = lib.indexOf(':');
  return i >= 0 ? lib.slice(i + 1) : lib;
}
