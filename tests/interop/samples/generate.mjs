// Writes the Digital Bazaar and jose sample credentials in this folder (see README.md).
// Run offline from tests/interop: node samples/generate.mjs
//
// Keys come from fixed seeds, so the keys and every signed byte except the proof values'
// randomness-free signatures are reproducible (Ed25519 signatures are deterministic; the
// `created` dates are fixed below), and a second run rewrites the same files.

import '../offline.mjs';

import {createPrivateKey} from 'node:crypto';
import {readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as DidKey from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as jose from 'jose';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONTEXTS_DIR = path.resolve(HERE, '../../../microcred/credentials/formats/contexts');

const OB_SCHEMA = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/' +
  'ob_v3p0_achievementcredential_schema.json';

function seed(byte) {
  return new Uint8Array(32).fill(byte);
}

async function loader() {
  const index = JSON.parse(await readFile(path.join(CONTEXTS_DIR, 'index.json'), 'utf8'));
  const contexts = new Map();
  for(const [url, file] of Object.entries(index)) {
    contexts.set(url, JSON.parse(await readFile(path.join(CONTEXTS_DIR, file), 'utf8')));
  }
  const didKey = DidKey.driver();
  didKey.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});
  return async url => {
    if(contexts.has(url)) {
      return {contextUrl: null, documentUrl: url, document: structuredClone(contexts.get(url))};
    }
    if(url.startsWith('did:key:')) {
      return {contextUrl: null, documentUrl: url, document: await didKey.get({url})};
    }
    throw new Error(`${url} is not available offline`);
  };
}

async function didKeySigner(byte) {
  const key = await Ed25519Multikey.generate({seed: seed(byte)});
  const did = `did:key:${key.publicKeyMultibase}`;
  key.controller = did;
  key.id = `${did}#${key.publicKeyMultibase}`;
  return {key, did};
}

function suite(key, created) {
  const proof = new DataIntegrityProof({signer: key.signer(), cryptosuite: eddsaRdfc2022});
  proof.date = created;
  return proof;
}

function badge(issuerId) {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      // 1EdTechJsonSchemaValidator2019 is defined only here (OB3-NOTES §8.1)
      'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'
    ],
    id: 'urn:uuid:2d1f0c8e-7b4a-4e55-9c3e-5a6b7c8d9e01',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: {id: issuerId, type: ['Profile'], name: 'Bazaar Teaching Academy'},
    validFrom: '2025-01-15T10:00:00Z',
    name: 'Questioning for Understanding',
    credentialSubject: {
      id: 'did:example:learner-7',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://academy.example/achievements/questioning',
        type: ['Achievement'],
        name: 'Questioning for Understanding',
        description: 'Plans and asks questions that reveal student thinking.',
        criteria: {narrative: 'Two annotated lesson recordings, assessed against a rubric.'}
      }
    },
    credentialSchema: [{id: OB_SCHEMA, type: '1EdTechJsonSchemaValidator2019'}]
  };
}

async function write(name, value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  await writeFile(path.join(HERE, name), text + '\n');
}

const documentLoader = await loader();
const issuer = await didKeySigner(1);
const cosigner = await didKeySigner(2);

// 1. An Open Badges 3.0 credential as the library issues it: `proof` is one object.
const single = await vc.issue({
  credential: badge(issuer.did), suite: suite(issuer.key, new Date('2025-01-15T10:00:00Z')),
  documentLoader
});
await write('digitalbazaar-ob3-single-proof.json', single);

// 2. A proof set: the issuer's proof and a co-signer's, each over the credential alone.
const cosigned = await vc.issue({
  credential: structuredClone(single),
  suite: suite(cosigner.key, new Date('2025-01-16T10:00:00Z')),
  documentLoader
});
await write('digitalbazaar-ob3-proof-set.json', cosigned);

// 3. A CLR 2.0 record holding that credential as a single value, with a single
// association: the compacted JSON-LD form the CLR 2.0 JSON Schema allows.
const record = await vc.issue({
  credential: {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
    ],
    id: 'urn:uuid:2d1f0c8e-7b4a-4e55-9c3e-5a6b7c8d9e02',
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer: {id: issuer.did, type: ['Profile'], name: 'Bazaar Teaching Academy'},
    validFrom: '2025-01-20T10:00:00Z',
    name: 'Learner record of learner 7',
    credentialSubject: {
      id: 'did:example:learner-7',
      type: ['ClrSubject'],
      verifiableCredential: single,
      association: {
        type: 'Association',
        associationType: 'isRelatedTo',
        sourceId: 'https://academy.example/achievements/questioning',
        targetId: 'https://academy.example/achievements/feedback'
      }
    }
  },
  suite: suite(issuer.key, new Date('2025-01-20T10:00:00Z')),
  documentLoader
});
await write('digitalbazaar-clr-single-values.json', record);

// 4. A VC-JWT signed with EdDSA (Ed25519) by jose, `kid` a did:key URL.
const jwtIssuer = await didKeySigner(3);
const seedKey = createPrivateKey({
  key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed(3)]),
  format: 'der', type: 'pkcs8'
});
const credential = badge(jwtIssuer.did);
delete credential.credentialSchema;
credential['@context'] = credential['@context'].slice(0, 2);
const claims = {
  iss: jwtIssuer.did,
  jti: credential.id,
  sub: credential.credentialSubject.id,
  nbf: Math.floor(Date.parse(credential.validFrom) / 1000)
};
const jwt = await new jose.CompactSign(
  new TextEncoder().encode(JSON.stringify({...credential, ...claims})))
  .setProtectedHeader({alg: 'EdDSA', typ: 'JWT', kid: jwtIssuer.key.id})
  .sign(seedKey);
await write('jose-eddsa.jwt', jwt);
