#!/usr/bin/env node
'use strict';
/*
 * oauthgov's topics read and written by an independent client: Node's kafkajs with @kafkajs/confluent-schema-registry,
 * nothing of oauthgov's own code. It shows that the records are plain Confluent wire format (magic byte 0, 4-byte
 * schema id, Avro binary) and that the registry speaks the Confluent REST API, so any ecosystem client can join.
 *
 * Two steps, each optional, in this order:
 *  1. --topics a,b,c: for every topic, consume from the beginning (a fresh consumer group, read_committed) until one
 *     record with a value decodes, and print it as one JSON line {"kind":"decoded", topic, partition, offset,
 *     keySchemaId, valueSchemaId, key, value}. Keys and values go through registry.decode; the values of the topics
 *     named in --json-topics are UTF-8 JSON (governance.risk.ocsf) and are JSON.parse'd instead. Exits 1 when a
 *     topic had no decodable record within --timeout-seconds (a {"kind":"missing"} line says why).
 *  2. --approval '<json>' (repeatable): encode an Approval with the latest schema of the approvals topic's subjects
 *     (looked up, never registered: auto-registration off, as production registries run) and produce it; prints
 *     {"kind":"produced", ...} with the approval as written.
 *
 * Approval signature (what the gate verifies, io.oauthgov.schemas.approval.ApprovalSignature): lower-case hex of
 * HMAC-SHA256(key, canonical), canonical being the UTF-8 text
 *     approvalId|candidateId|orgId|clientId|fingerprint|decision|approver|approvedAt|expiresAt
 * with decision APPROVE or REJECT and both times as epoch milliseconds. The key is the trimmed UTF-8 text of
 * OAUTHGOV_APPROVAL_HMAC_KEY, or of the file OAUTHGOV_APPROVAL_KEY_FILE names (the variables the analyzer reads);
 * never an argument, because command lines end up in shell history and process listings. An --approval that
 * carries its own "signature" is produced as given (an approval system that signs by itself).
 *
 * stdout carries only the JSON lines; kafkajs logs (warnings and errors) go to stderr.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const { parseArgs } = require('node:util');
const { Kafka, Partitioners, logLevel, CompressionTypes, CompressionCodecs } = require('kafkajs');
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');
const lz4 = require('lz4js');

// The collector writes LZ4-compressed batches (the Java producer's LZ4 frame format); kafkajs ships only gzip and
// takes other codecs as plugins. lz4js is plain JavaScript, so `npm ci --ignore-scripts` needs no native build.
CompressionCodecs[CompressionTypes.LZ4] = () => ({
  compress: async (encoder) => Buffer.from(lz4.compress(encoder.buffer)),
  decompress: async (buffer) => Buffer.from(lz4.decompress(buffer)),
});

const USAGE = `usage: node oauthgov-client.js --bootstrap-servers HOST:PORT --schema-registry-url URL
       [--topics T1,T2,...] [--json-topics T,...] [--timeout-seconds 30]
       [--approval '{"candidateId":...,"orgId":...,"clientId":...,"fingerprint":...,"decision":"APPROVE","approver":...}' ...]
       [--approvals-topic governance.approvals] [--validity-hours 24]
  (bootstrap servers and registry URL also from OAUTHGOV_BOOTSTRAP_SERVERS and OAUTHGOV_SCHEMA_REGISTRY_URL;
   the approval HMAC key from OAUTHGOV_APPROVAL_HMAC_KEY or the file named by OAUTHGOV_APPROVAL_KEY_FILE)`;

/** Bad input: a message with a hint, exit code 2 as oauthgov's own commands do. */
class UsageError extends Error {}

function options(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        'bootstrap-servers': { type: 'string' },
        'schema-registry-url': { type: 'string' },
        topics: { type: 'string' },
        'json-topics': { type: 'string' },
        'timeout-seconds': { type: 'string', default: '30' },
        approval: { type: 'string', multiple: true },
        'approvals-topic': { type: 'string', default: 'governance.approvals' },
        'validity-hours': { type: 'string', default: '24' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (e) {
    throw new UsageError(e.message);
  }
  if (parsed.help) {
    process.stdout.write(USAGE + '\n');
    process.exit(0);
  }
  const bootstrap = parsed['bootstrap-servers'] || process.env.OAUTHGOV_BOOTSTRAP_SERVERS;
  const registryUrl = parsed['schema-registry-url'] || process.env.OAUTHGOV_SCHEMA_REGISTRY_URL;
  if (!bootstrap || !registryUrl) {
    throw new UsageError('both --bootstrap-servers and --schema-registry-url are needed (or their OAUTHGOV_ variables)');
  }
  const list = (text) => (text || '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const timeoutSeconds = Number(parsed['timeout-seconds']);
  const validityHours = Number(parsed['validity-hours']);
  if (!(timeoutSeconds > 0) || !(validityHours > 0)) {
    throw new UsageError('--timeout-seconds and --validity-hours take positive numbers');
  }
  const approvals = (parsed.approval || []).map((text) => {
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new UsageError(`--approval is not JSON (${e.message}): ${text}`);
    }
  });
  if (list(parsed.topics).length === 0 && approvals.length === 0) {
    throw new UsageError('nothing to do: give --topics to read, --approval to produce, or both');
  }
  return {
    brokers: list(bootstrap),
    registryUrl,
    topics: list(parsed.topics),
    jsonTopics: new Set(list(parsed['json-topics'])),
    timeoutMs: timeoutSeconds * 1000,
    approvals,
    approvalsTopic: parsed['approvals-topic'],
    validityMs: validityHours * 3600 * 1000,
  };
}

/** kafkajs logs through console.info by default, which is stdout: keep stdout for the JSON lines. */
function stderrLogger() {
  return ({ namespace, level, label, log }) => {
    const { message, ...extra } = log;
    process.stderr.write(`kafkajs ${label} [${namespace}] ${message} ${JSON.stringify(extra)}\n`);
  };
}

/** Bytes as base64 text (Rejection.rawKey/rawValue); everything else as JSON has it. */
function toJson(value) {
  return JSON.stringify(value, (name, v) =>
    v && v.type === 'Buffer' && Array.isArray(v.data) ? Buffer.from(v.data).toString('base64') : v);
}

/** The id in a Confluent header, null without one. */
function schemaId(buffer) {
  return buffer && buffer.length >= 5 && buffer[0] === 0 ? buffer.readInt32BE(1) : null;
}

async function decodeRecord(registry, jsonTopics, topic, partition, message) {
  const key = message.key == null ? null : await registry.decode(message.key);
  const value = jsonTopics.has(topic) ? JSON.parse(message.value.toString('utf8')) : await registry.decode(message.value);
  return {
    kind: 'decoded', topic, partition, offset: Number(message.offset), keySchemaId: schemaId(message.key),
    valueSchemaId: jsonTopics.has(topic) ? null : schemaId(message.value), key, value,
  };
}

/** Step 1: the first decodable record of every topic, or a "missing" line naming the last error. */
async function readTopics(kafka, registry, opts) {
  const consumer = kafka.consumer({ groupId: `oauthgov-node-interop-${crypto.randomUUID()}` });
  const decoded = new Map();
  const lastError = new Map();
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: opts.topics, fromBeginning: true });
    let finish;
    const allDecoded = new Promise((resolve) => { finish = resolve; });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        if (decoded.has(topic) || message.value == null) {
          return; // done with this topic, or a tombstone: nothing to decode
        }
        try {
          decoded.set(topic, await decodeRecord(registry, opts.jsonTopics, topic, partition, message));
          consumer.pause([{ topic }]);
          if (decoded.size === opts.topics.length) {
            finish();
          }
        } catch (e) {
          lastError.set(topic, `partition ${partition} offset ${message.offset}: ${e.message}`);
        }
      },
    });
    let timer;
    await Promise.race([allDecoded, new Promise((resolve) => { timer = setTimeout(resolve, opts.timeoutMs); })]);
    clearTimeout(timer);
  } finally {
    await consumer.disconnect();
  }
  let missing = 0;
  for (const topic of opts.topics) {
    if (decoded.has(topic)) {
      process.stdout.write(toJson(decoded.get(topic)) + '\n');
    } else {
      missing++;
      process.stdout.write(toJson({
        kind: 'missing', topic,
        error: lastError.get(topic) || `no record with a value within ${opts.timeoutMs / 1000} s`,
      }) + '\n');
    }
  }
  return missing;
}

/** The approval HMAC key as the analyzer reads it: trimmed UTF-8 text, at least 16 bytes; null when none is set. */
function approvalKey() {
  const file = process.env.OAUTHGOV_APPROVAL_KEY_FILE;
  const text = process.env.OAUTHGOV_APPROVAL_HMAC_KEY || (file ? fs.readFileSync(file, 'utf8') : null);
  if (text == null) {
    return null;
  }
  const key = Buffer.from(text.trim(), 'utf8');
  if (key.length < 16) {
    throw new UsageError('the approval HMAC key is shorter than 16 bytes: use the key the analyzer verifies with');
  }
  return key;
}

/** See the header comment: the field order and formats are those of ApprovalSignature.canonical. */
function canonical(a) {
  return [a.approvalId, a.candidateId, a.orgId, a.clientId, a.fingerprint, a.decision, a.approver,
    String(a.approvedAt), String(a.expiresAt)].join('|');
}

function sign(key, approval) {
  return crypto.createHmac('sha256', key).update(canonical(approval), 'utf8').digest('hex');
}

/** The Approval record from --approval's JSON: defaults for the id and times, then the signature over the result. */
function approvalRecord(given, key, opts) {
  for (const field of ['candidateId', 'orgId', 'clientId', 'fingerprint', 'decision', 'approver']) {
    if (typeof given[field] !== 'string' || given[field].trim() === '') {
      throw new UsageError(`--approval needs "${field}" (a string): ${JSON.stringify(given)}`);
    }
  }
  const approvedAt = given.approvedAt ?? Date.now();
  const approval = {
    approvalId: given.approvalId ?? crypto.randomUUID(),
    candidateId: given.candidateId,
    orgId: given.orgId,
    clientId: given.clientId,
    fingerprint: given.fingerprint,
    decision: given.decision,
    approver: given.approver,
    approvedAt,
    expiresAt: given.expiresAt ?? approvedAt + opts.validityMs,
    ticketRef: given.ticketRef ?? null,
    signature: null,
    source: given.source ?? 'kafkajs (oauthgov interop/node)',
  };
  if (given.signature != null) {
    approval.signature = given.signature;
  } else if (key != null) {
    approval.signature = sign(key, approval);
  } else {
    process.stderr.write(`no approval key set: approval ${approval.approvalId} goes unsigned (a gate with a key refuses it)\n`);
  }
  return approval;
}

/** Step 2: encode with the subjects' latest schemas (looked up, not registered) and produce. */
async function produceApprovals(kafka, registry, opts) {
  const key = approvalKey();
  const records = opts.approvals.map((given) => approvalRecord(given, key, opts));
  const keyId = await registry.getLatestSchemaId(`${opts.approvalsTopic}-key`);
  const valueId = await registry.getLatestSchemaId(`${opts.approvalsTopic}-value`);
  // The Java client's partitioner (murmur2 of the key bytes): the same key lands on the partition oauthgov's
  // producers use, which the gate relies on to meet the candidate of the same client.
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
  await producer.connect();
  try {
    for (const approval of records) {
      const [metadata] = await producer.send({
        topic: opts.approvalsTopic,
        acks: -1,
        messages: [{
          key: await registry.encode(keyId, { orgId: approval.orgId, clientId: approval.clientId }),
          value: await registry.encode(valueId, approval),
        }],
      });
      process.stdout.write(toJson({
        kind: 'produced', topic: opts.approvalsTopic, partition: metadata.partition, offset: Number(metadata.baseOffset),
        keySchemaId: keyId, valueSchemaId: valueId, approval,
      }) + '\n');
    }
  } finally {
    await producer.disconnect();
  }
}

async function main() {
  const opts = options(process.argv.slice(2));
  const kafka = new Kafka({
    clientId: 'oauthgov-node-interop', brokers: opts.brokers, logLevel: logLevel.WARN, logCreator: stderrLogger,
  });
  const registry = new SchemaRegistry({ host: opts.registryUrl });
  const missing = opts.topics.length > 0 ? await readTopics(kafka, registry, opts) : 0;
  if (opts.approvals.length > 0) {
    await produceApprovals(kafka, registry, opts);
  }
  return missing > 0 ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (e) => {
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${e.message}\n${USAGE}\n`);
    process.exitCode = 2;
  } else {
    process.stderr.write(`failed: ${e.stack || e}\n`);
    process.exitCode = 1;
  }
});
