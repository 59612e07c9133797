// An independent verifier for the credentials microcred issues, built on Digital Bazaar's
// Verifiable Credentials libraries and jose, so the Python tests can check our output
// against an implementation of the standards that is not ours.
//
// Reads one JSON request on stdin, prints one JSON result on stdout:
//
//   {"credential": {...}, "documents": {url: json}}
//   {"presentation": {...}, "documents": {...}, "challenge"?: "...", "domain"?: "...",
//    "unsignedPresentation"?: true}
//   {"jwt": "<compact JWS>", "documents": {...}}
//
//   -> {"verified": bool, "errors": [string], "revoked"?: bool, "suspended"?: bool,
//       "payload"?: {...}}
//
// `verified` says the proofs hold (the credential's and, when it has a
// BitstringStatusListEntry, its status list credential's) and the validity dates are
// in range; `revoked` / `suspended` say whether the status bit is set. The exit code is
// 0 whenever a result is printed, valid credential or not; 2 means the request itself
// was unusable and 1 that the verifier crashed.
//
// Nothing is fetched over the network. JSON-LD contexts come from the copies the
// platform ships (microcred/credentials/formats/contexts/index.json); every other URL (DID
// documents, controller documents, keys, status list credentials) comes only from the
// request's `documents`, except did:key, whose document is derived from the DID itself.
// offline.mjs makes any connection attempt fail, should a library try one anyway.

import './offline.mjs';

import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import path from 'node:path';

import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as eddsaRdfc2022} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {checkStatus as checkBitstringStatus} from '@digitalbazaar/vc-bitstring-status-list';
import * as DidKey from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as jose from 'jose';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONTEXTS_DIR = path.resolve(HERE, '../../microcred/credentials/formats/contexts');

// OB 3.0 §8.2 (JOSE Header): RS256 is the minimum; the 1EdTech validator accepts only
// RS256 and ES256, so a credential that needs anything else fails here too.
const JWT_ALGORITHMS = ['ES256', 'RS256'];
const JOSE_HEADERS = new Set(['alg', 'kid', 'jwk', 'typ']);
// Properties of a DID or controller document that may hold verification methods.
const VERIFICATION_RELATIONSHIPS = [
  'verificationMethod', 'assertionMethod', 'authentication', 'capabilityInvocation',
  'capabilityDelegation', 'keyAgreement'
];

class BadRequest extends Error {}

async function loadContexts() {
  const index = JSON.parse(await readFile(path.join(CONTEXTS_DIR, 'index.json'), 'utf8'));
  const contexts = new Map();
  for(const [url, file] of Object.entries(index)) {
    contexts.set(url, JSON.parse(await readFile(path.join(CONTEXTS_DIR, file), 'utf8')));
  }
  return contexts;
}

function didKeyDriver() {
  const driver = DidKey.driver();
  driver.use({multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from});
  return driver;
}

// The node with `id` inside a DID or controller document, as a DID resolver
// dereferences a DID URL: the verification method with the document's @context.
function dereferenceFragment(document, url) {
  const fragment = url.slice(url.indexOf('#'));
  const candidates = [];
  for(const relationship of VERIFICATION_RELATIONSHIPS) {
    for(const entry of [].concat(document[relationship] ?? [])) {
      if(entry && typeof entry === 'object') {
        candidates.push(entry);
      }
    }
  }
  const found = candidates.find(entry => entry.id === url || entry.id === fragment);
  if(!found) {
    return undefined;
  }
  return {
    '@context': document['@context'],
    ...found,
    id: url,
    controller: found.controller ?? document.id
  };
}

function makeDocumentLoader({contexts, documents}) {
  const didKey = didKeyDriver();
  return async function documentLoader(url) {
    const base = url.split('#')[0];
    let document;
    if(contexts.has(url)) {
      document = contexts.get(url);
    } else if(url.startsWith('did:key:')) {
      document = await didKey.get({url});
    } else if(Object.hasOwn(documents, url)) {
      document = documents[url];
    } else if(url.includes('#') && Object.hasOwn(documents, base)) {
      document = dereferenceFragment(documents[base], url);
      if(!document) {
        throw new Error(`${url}: the document at ${base} has no entry with that id`);
      }
    } else {
      throw new Error(
        `${url} is neither a context the platform ships nor in the request's ` +
        '"documents" (the verifier never fetches)');
    }
    return {contextUrl: null, documentUrl: url, document: structuredClone(document)};
  };
}

// Human-readable messages from the nested errors the libraries return.
function collectErrors(value, into = [], seen = new Set()) {
  if(!value || typeof value !== 'object' || seen.has(value)) {
    return into;
  }
  seen.add(value);
  if(Array.isArray(value)) {
    value.forEach(item => collectErrors(item, into, seen));
    return into;
  }
  if(value instanceof Error || typeof value.message === 'string') {
    // jsonld's JsonLdError keeps the loader's own error in details.cause
    const nested = [].concat(value.errors ?? [], value.cause ?? [], value.details?.cause ?? []);
    // a wrapper whose whole message is "Verification error(s)." says nothing itself
    // the innermost error is the specific one, so it comes first
    nested.forEach(error => collectErrors(error, into, seen));
    if(!(nested.length && /^Verification error/.test(value.message))) {
      const term = value.details?.term;
      into.push(term === undefined ? value.message : `${value.message} (term "${term}")`);
    }
    return into;
  }
  for(const key of ['error', 'errors', 'results', 'credentialResults',
    'presentationResult', 'statusResult', 'purposeResult']) {
    collectErrors(value[key], into, seen);
  }
  return into;
}

function unique(list) {
  return [...new Set(list)];
}

function statusEntries(credential) {
  return [].concat(credential?.credentialStatus ?? [])
    .filter(entry => entry?.type === 'BitstringStatusListEntry');
}

const DATA_INTEGRITY_V1 = 'https://w3id.org/security/data-integrity/v1';
const CREDENTIALS_V2 = 'https://www.w3.org/ns/credentials/v2';

// A document built on VC 1.1 with the data-integrity/v1 context needs the suite in its
// legacy mode: otherwise the suite adds data-integrity/v2 to the proof's @context, which
// redefines the protected term DataIntegrityProof and fails JSON-LD expansion.
function suite(document) {
  const contexts = [].concat(document?.['@context'] ?? []);
  const legacyContext = contexts.includes(DATA_INTEGRITY_V1) && !contexts.includes(CREDENTIALS_V2);
  return new DataIntegrityProof({cryptosuite: eddsaRdfc2022, legacyContext});
}

// Checks BitstringStatusListEntry statuses and remembers the bits for the result.
function statusChecker(documentLoader, statusBits) {
  return async ({credential}) => {
    if(statusEntries(credential).length === 0) {
      return {
        verified: false,
        error: new Error(
          'credentialStatus is not a BitstringStatusListEntry, the only status ' +
          'type this verifier checks')
      };
    }
    const result = await checkBitstringStatus({
      credential, documentLoader, suite: suite(),
      verifyBitstringStatusListCredential: true, verifyMatchingIssuers: true
    });
    for(const {credentialStatus, status} of result.results ?? []) {
      statusBits[credentialStatus.statusPurpose] =
        Boolean(statusBits[credentialStatus.statusPurpose] || status);
    }
    return result;
  };
}

function statusFields(statusBits) {
  const fields = {};
  if('revocation' in statusBits) {
    fields.revoked = statusBits.revocation;
  }
  if('suspension' in statusBits) {
    fields.suspended = statusBits.suspension;
  }
  return fields;
}

async function verifyDataIntegrityCredential({credential}, documentLoader) {
  const statusBits = {};
  const result = await vc.verifyCredential({
    credential, suite: suite(credential), documentLoader,
    checkStatus: statusChecker(documentLoader, statusBits)
  });
  return {
    verified: result.verified === true,
    errors: result.verified ? [] : unique(collectErrors(result)),
    ...statusFields(statusBits)
  };
}

async function verifyPresentation(request, documentLoader) {
  const statusBits = {};
  const options = {
    presentation: request.presentation, suite: suite(request.presentation), documentLoader,
    checkStatus: statusChecker(documentLoader, statusBits)
  };
  if(request.unsignedPresentation) {
    options.unsignedPresentation = true;
  } else {
    options.challenge = request.challenge;
    if(request.domain !== undefined) {
      options.domain = request.domain;
    }
  }
  const result = await vc.verify(options);
  return {
    verified: result.verified === true,
    errors: result.verified ? [] : unique(collectErrors(result)),
    ...statusFields(statusBits)
  };
}

// The JWK a VC-JWT `kid` names: a DID URL or https URL whose document (from
// `documents`, or derived for did:key) is a JWK, a verification method with
// publicKeyJwk, or a JWK Set holding a key with that kid.
async function jwkForKid(kid, documentLoader) {
  let document;
  try {
    ({document} = await documentLoader(kid));
  } catch(error) {
    // a JWK Set addressed as <set URL>#<kid>
    const base = kid.split('#')[0];
    if(kid.includes('#') && base !== kid) {
      const {document: set} = await documentLoader(base).catch(() => {
        throw error;
      });
      const fragment = kid.slice(kid.indexOf('#') + 1);
      const key = (set.keys ?? []).find(k => k.kid === kid || k.kid === fragment);
      if(!key) {
        throw error;
      }
      document = key;
    } else {
      throw error;
    }
  }
  if(document?.publicKeyJwk) {
    return document.publicKeyJwk;
  }
  if(document?.kty) {
    return document;
  }
  if(Array.isArray(document?.keys) && document.keys.length === 1) {
    return document.keys[0];
  }
  throw new Error(`kid ${kid} does not dereference to a JWK`);
}

function issuerId(credential) {
  return typeof credential?.issuer === 'object' ? credential.issuer?.id : credential?.issuer;
}

function seconds(dateTime) {
  const ms = Date.parse(dateTime);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

// The credential of a VC-JWT: the payload itself (OB 3.0 §8.2 as revised for VC Data
// Model 2.0), or the `vc` claim of the VC 1.1 encoding that earlier issuers used.
function credentialOf(payload) {
  const registered = new Set(['iss', 'jti', 'nbf', 'sub', 'exp', 'iat', 'aud']);
  if(payload.vc && typeof payload.vc === 'object') {
    return payload.vc;
  }
  return Object.fromEntries(Object.entries(payload).filter(([name]) => !registered.has(name)));
}

// OB 3.0 §8.2.6: the JWT claims must agree with the credential.
function claimErrors(payload) {
  const errors = [];
  const credential = credentialOf(payload);
  if(!credential['@context']) {
    return ['the JWT payload holds no credential'];
  }
  const now = Math.floor(Date.now() / 1000);
  const subjectId = [].concat(credential.credentialSubject ?? [])[0]?.id;
  if(payload.iss === undefined || payload.iss !== issuerId(credential)) {
    errors.push(`"iss" (${payload.iss}) does not match issuer.id (${issuerId(credential)})`);
  }
  if(payload.jti === undefined || payload.jti !== credential.id) {
    errors.push(`"jti" (${payload.jti}) does not match the credential id (${credential.id})`);
  }
  if(subjectId !== undefined && payload.sub !== subjectId) {
    errors.push(`"sub" (${payload.sub}) does not match credentialSubject.id (${subjectId})`);
  }
  const validFrom = credential.validFrom ?? credential.issuanceDate;
  if(typeof payload.nbf !== 'number') {
    errors.push('the JWT has no numeric "nbf" claim');
  } else {
    if(payload.nbf !== seconds(validFrom)) {
      errors.push(`"nbf" (${payload.nbf}) does not match validFrom (${validFrom})`);
    }
    if(payload.nbf > now) {
      errors.push('the credential is not valid yet ("nbf" is in the future)');
    }
  }
  const validUntil = credential.validUntil ?? credential.expirationDate;
  if(payload.exp !== undefined || validUntil !== undefined) {
    if(payload.exp !== seconds(validUntil)) {
      errors.push(`"exp" (${payload.exp}) does not match validUntil (${validUntil})`);
    }
    if(typeof payload.exp === 'number' && payload.exp <= now) {
      errors.push('the credential has expired ("exp" is in the past)');
    }
  }
  return errors;
}

async function verifyJwt({jwt}, documentLoader) {
  if(typeof jwt !== 'string') {
    throw new BadRequest('"jwt" must be a compact JWS string');
  }
  let header;
  let payload;
  try {
    header = jose.decodeProtectedHeader(jwt);
    payload = jose.decodeJwt(jwt);
  } catch(error) {
    return {verified: false, errors: [`not a compact JWS: ${error.message}`]};
  }
  const errors = [];
  const extra = Object.keys(header).filter(name => !JOSE_HEADERS.has(name));
  if(extra.length) {
    errors.push(`JOSE header has properties OB 3.0 does not allow: ${extra.join(', ')}`);
  }
  if(header.typ !== undefined && header.typ !== 'JWT') {
    errors.push(`JOSE header "typ" must be "JWT", not ${JSON.stringify(header.typ)}`);
  }
  if(!JWT_ALGORITHMS.includes(header.alg)) {
    errors.push(`JOSE header "alg" ${JSON.stringify(header.alg)} is not ES256 or RS256`);
    return {verified: false, errors, payload};
  }
  let jwk;
  try {
    if(header.jwk !== undefined) {
      if('d' in header.jwk) {
        errors.push('the "jwk" header holds a private key ("d")');
      }
      jwk = header.jwk;
    } else if(typeof header.kid === 'string') {
      jwk = await jwkForKid(header.kid, documentLoader);
    } else {
      errors.push('JOSE header has neither "kid" nor "jwk"');
      return {verified: false, errors, payload};
    }
    const {d, ...publicJwk} = jwk;
    const key = await jose.importJWK(publicJwk, header.alg);
    await jose.compactVerify(jwt, key, {algorithms: JWT_ALGORITHMS});
  } catch(error) {
    errors.push(`signature not verified: ${error.message}`);
    return {verified: false, errors, payload};
  }
  errors.push(...claimErrors(payload));
  return {verified: errors.length === 0, errors, payload};
}

async function readRequest() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  let request;
  try {
    request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch(error) {
    throw new BadRequest(`the request is not JSON: ${error.message}`);
  }
  if(!request || typeof request !== 'object' || Array.isArray(request)) {
    throw new BadRequest('the request must be a JSON object');
  }
  const documents = request.documents ?? {};
  if(!documents || typeof documents !== 'object' || Array.isArray(documents)) {
    throw new BadRequest('"documents" must be an object mapping URLs to JSON');
  }
  return {...request, documents};
}

async function main() {
  const request = await readRequest();
  const documentLoader = makeDocumentLoader({
    contexts: await loadContexts(), documents: request.documents
  });
  if('credential' in request) {
    return verifyDataIntegrityCredential(request, documentLoader);
  }
  if('presentation' in request) {
    return verifyPresentation(request, documentLoader);
  }
  if('jwt' in request) {
    return verifyJwt(request, documentLoader);
  }
  throw new BadRequest('the request needs one of "credential", "presentation" or "jwt"');
}

// The benchmark (bench/verify_speed.mjs) imports these and runs them in a loop.
export {loadContexts, makeDocumentLoader, verifyDataIntegrityCredential};

if(process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const result = await main();
    process.stdout.write(JSON.stringify(result) + '\n');
  } catch(error) {
    if(error instanceof BadRequest) {
      process.stdout.write(JSON.stringify({verified: false, errors: [error.message]}) + '\n');
      process.exitCode = 2;
    } else {
      process.stderr.write(`verify.mjs crashed: ${error.stack ?? error}\n`);
      process.exitCode = 1;
    }
  }
}
