/**
 * Library knowledge (code/sinks.ts) through the data-flow pass: each logger, HTTP client,
 * analytics SDK, messaging service and store, called the way its documentation shows, receives a
 * slot value and must come out as the right kind of sink with the right destination.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import { SkillAnalysis } from '../../server/src/engine/analysis';
import { codeModel } from '../../server/src/engine/code/analyze';
import { DiskFileHost } from '../../server/src/engine/host';
import { discoverSkills } from '../../server/src/engine/project/discover';
import { loadSkill } from '../../server/src/engine/skill';
import { codeSkill } from '../helpers/code-skill';
import { writeFiles } from '../helpers/rule-tester';

interface Case {
  name: string;
  head: string;
  call: string;
  /** `kind destination`, or `none`. */
  expect: string;
  expiry?: boolean;
}

const CASES: Case[] = [
  { name: 'winston', head: "const winston = require('winston');\nconst logger = winston.createLogger({});", call: 'logger.warn(phone);', expect: 'log winston' },
  { name: 'winston default logger', head: "const winston = require('winston');", call: "winston.info('x', { phone });", expect: 'log winston' },
  { name: 'pino', head: "const logger = require('pino')();", call: 'logger.info({ phone });', expect: 'log pino' },
  { name: 'pino child', head: "import pino from 'pino';\nconst log = pino().child({ mod: 'a' });", call: 'log.error(phone);', expect: 'log pino' },
  { name: 'bunyan', head: "const bunyan = require('bunyan');\nconst log = bunyan.createLogger({ name: 'x' });", call: 'log.info(phone);', expect: 'log bunyan' },
  { name: 'log4js', head: "const log4js = require('log4js');\nconst logger = log4js.getLogger();", call: 'logger.debug(phone);', expect: 'log log4js' },
  { name: 'debug', head: "const debug = require('debug')('skill');", call: 'debug(phone);', expect: 'log debug' },
  { name: 'Powertools Logger', head: "const { Logger } = require('@aws-lambda-powertools/logger');\nconst logger = new Logger();", call: "logger.info('x', { phone });", expect: 'log Powertools Logger' },
  { name: 'fetch', head: '', call: "fetch('https://a.example.com/x?p=' + phone);", expect: 'http a.example.com' },
  { name: 'node-fetch with options', head: "const fetch = require('node-fetch');", call: "fetch('https://b.example.com/x', { method: 'POST', body: JSON.stringify({ phone }) });", expect: 'http b.example.com' },
  { name: 'axios config object', head: "const axios = require('axios');", call: "axios({ method: 'post', url: 'https://c.example.com/x', data: { phone } });", expect: 'http c.example.com' },
  { name: 'got', head: "const got = require('got');", call: "got.post('https://d.example.com/x', { json: { phone } });", expect: 'http d.example.com' },
  { name: 'request', head: "const request = require('request');", call: "request({ uri: 'https://e.example.com/x', qs: { phone } });", expect: 'http e.example.com' },
  { name: 'superagent chain', head: "const superagent = require('superagent');", call: "superagent.post('https://f.example.com/x').send({ phone }).end(() => {});", expect: 'http f.example.com' },
  { name: 'https.request with a host', head: "const https = require('https');", call: "const req = https.request({ host: 'g.example.com', method: 'POST' });\n    req.end(phone);", expect: 'http g.example.com' },
  { name: 'Segment', head: "const Analytics = require('analytics-node');\nconst analytics = new Analytics('key');", call: "analytics.identify({ userId: 'u', traits: { phone } });", expect: 'analytics Segment' },
  { name: 'Mixpanel', head: "const Mixpanel = require('mixpanel');\nconst mixpanel = Mixpanel.init('token');", call: "mixpanel.track('call', { phone });", expect: 'analytics Mixpanel' },
  { name: 'Amplitude', head: "const Amplitude = require('@amplitude/node');\nconst client = Amplitude.init('key');", call: "client.logEvent({ event_type: 'x', user_properties: { phone } });", expect: 'analytics Amplitude' },
  { name: 'Google Analytics', head: "const ua = require('universal-analytics');\nconst visitor = ua('UA-1');", call: "visitor.event('call', phone).send();", expect: 'analytics Google Analytics' },
  { name: 'Dashbot', head: "const dashbot = require('dashbot')('key').alexa;", call: 'dashbot.logIncoming({ phone });', expect: 'analytics Dashbot' },
  { name: 'VoiceLabs', head: "const VoiceInsights = require('voicelabs')('token');", call: "VoiceInsights.track(event, 'intent', phone);", expect: 'analytics VoiceLabs' },
  { name: 'Twilio', head: "const twilio = require('twilio')('sid', 'token');", call: "twilio.messages.create({ to: phone, from: '+1555', body: 'hi' });", expect: 'messaging Twilio' },
  { name: 'SendGrid', head: "const sgMail = require('@sendgrid/mail');", call: "sgMail.send({ to: 'a@b.c', text: phone });", expect: 'messaging SendGrid' },
  { name: 'Amazon SES v2 SDK', head: "const AWS = require('aws-sdk');\nconst ses = new AWS.SES();", call: "ses.sendEmail({ Message: { Body: { Text: { Data: phone } } } }).promise();", expect: 'messaging Amazon SES' },
  { name: 'Amazon SNS SMS, v3 SDK', head: "const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');\nconst sns = new SNSClient({});", call: "sns.send(new PublishCommand({ PhoneNumber: phone, Message: 'hi' }));", expect: 'messaging Amazon SNS (SMS)' },
  { name: 'SNS to a topic is not an SMS', head: "const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');\nconst sns = new SNSClient({});", call: "sns.send(new PublishCommand({ TopicArn: 'arn', Message: phone }));", expect: 'none' },
  { name: 'S3 putObject', head: "const AWS = require('aws-sdk');\nconst s3 = new AWS.S3();", call: "s3.putObject({ Bucket: 'b', Key: 'k', Body: phone }).promise();", expect: 'persist Amazon S3' },
  { name: 'DynamoDB v3 document client', head: "const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');\nconst { DynamoDBDocumentClient, PutCommand } = require('@aws-sdk/lib-dynamodb');\nconst doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));", call: "doc.send(new PutCommand({ TableName: 't', Item: { phone } }));", expect: 'persist DynamoDB' },
  { name: 'DynamoDB v2 low level with a TTL', head: "const AWS = require('aws-sdk');\nconst ddb = new AWS.DynamoDB();", call: "ddb.putItem({ TableName: 't', Item: { phone: { S: phone }, ttl: { N: '1' } } }).promise();", expect: 'persist DynamoDB', expiry: true },
  { name: 'MongoDB insertOne', head: "const { MongoClient } = require('mongodb');\nconst client = new MongoClient('mongodb://x');", call: "client.db('d').collection('c').insertOne({ phone });", expect: 'persist MongoDB' },
  { name: 'mongoose model', head: "const mongoose = require('mongoose');\nconst User = mongoose.model('User', new mongoose.Schema({}));", call: 'new User({ phone }).save();', expect: 'persist MongoDB (mongoose)' },
  { name: 'redis set with EX', head: "const redis = require('redis');\nconst client = redis.createClient();", call: "client.set('k', phone, { EX: 60 });", expect: 'persist Redis', expiry: true },
  { name: 'redis set without expiry', head: "const Redis = require('ioredis');\nconst redis = new Redis();", call: "redis.set('k', phone);", expect: 'persist Redis', expiry: false },
  { name: 'Firestore', head: "const admin = require('firebase-admin');\nconst db = admin.firestore();", call: "db.collection('c').doc('d').set({ phone });", expect: 'persist Firebase' },
  { name: 'PostgreSQL', head: "const { Pool } = require('pg');\nconst pool = new Pool();", call: "pool.query('INSERT INTO t VALUES ($1)', [phone]);", expect: 'persist PostgreSQL' },
  { name: 'an unknown package is no sink', head: "const helper = require('my-helper');", call: 'helper.remember(phone);', expect: 'none' },
];

function sinksOf(c: Case): string[] {
  const code = `const Alexa = require('ask-sdk-core');
${c.head}
const Handler = {
  async handle(handlerInput) {
    const phone = Alexa.getSlotValue(handlerInput.requestEnvelope, 'phone');
    ${c.call}
  },
};
`;
  const root = writeFiles(codeSkill({ 'index.js': code }));
  try {
    const host = new DiskFileHost();
    const m = codeModel(new SkillAnalysis(loadSkill(discoverSkills(root, host)[0], host)));
    return [...new Set(m.flows.filter((f) => f.source.slot === 'phone').map((f) => `${f.sink.kind} ${f.sink.destination}${c.expiry === undefined ? '' : ` expiry=${f.sink.persist?.carriesExpiry}`}`))];
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describe('code model: library sinks', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const expected = c.expect === 'none' ? [] : [`${c.expect}${c.expiry === undefined ? '' : ` expiry=${c.expiry}`}`];
      assert.deepEqual(sinksOf(c), expected);
    });
  }
});
