/* Generated from schemas/project.schema.json by scripts/generate-types.ts: do not edit. */
/* eslint-disable */
export type Text = string
/**
 * A short identifier that other parts of this file use to refer to this entry: lower-case letters, digits, '.', '_' and '-'.
 */
export type Id = string
/**
 * Supplier ids of the software suppliers (package indexes, tool vendors) this environment installs libraries and tools from. A supplier that is not contracted and assessed is a way into the models developed here.
 * 
 * @maxItems 10000
 */
export type IdList = Id[]
/**
 * Ids of the environments that hold copies of this data.
 * 
 * @maxItems 10000
 */
export type IdList1 = Id[]
export type Model = {
/**
 * A short identifier that other parts of this file use to refer to this entry: lower-case letters, digits, '.', '_' and '-'.
 */
id: string
/**
 * Human-readable name.
 */
name?: string
/**
 * trained-here when this project trains or fine-tunes it; pretrained when it is obtained ready-made from a supplier (an adapter downloaded from a hub is pretrained).
 */
origin: ("trained-here" | "pretrained")
/**
 * What the entry is: model (the default) for a model with all its parameters, or adapter for a fine-tuning adapter, such as a LoRA module, that is loaded with or merged into the model named in baseModel (required for an adapter). An adapter from a supplier is a supplied model of its own.
 */
kind?: ("model" | "adapter")
/**
 * A short identifier that other parts of this file use to refer to this entry: lower-case letters, digits, '.', '_' and '-'.
 */
supplier?: string
/**
 * A short identifier that other parts of this file use to refer to this entry: lower-case letters, digits, '.', '_' and '-'.
 */
baseModel?: string
/**
 * Whether the parameters are confidential intellectual property or open weights. Not declared, a model trained here counts as confidential.
 */
parameters?: ("confidential" | "open-weights")
/**
 * Artifact format. pickle, pytorch-pickle, joblib and keras-h5 can execute code when loaded. Not declared counts as a format that can.
 */
format?: ("safetensors" | "onnx" | "gguf" | "tensorflow-savedmodel" | "pickle" | "pytorch-pickle" | "joblib" | "keras-h5" | "hosted-api" | "other")
storedIn?: IdList2
inferenceInputs?: IdList3
/**
 * Parameters are signed or hashed, and checked before use. Not declared counts as not protected.
 */
integrityProtected?: boolean
/**
 * Anything a reviewer should know about this model.
 */
notes?: string
}
/**
 * Ids of the environments that hold the parameters.
 * 
 * @maxItems 10000
 */
export type IdList2 = Id[]
/**
 * Ids of the data sets whose content is sent to this model when it answers: retrieval context, prompts, records to score. For a model hosted by a supplier (format hosted-api) this is a path by which that data reaches the supplier.
 * 
 * @maxItems 10000
 */
export type IdList3 = Id[]
/**
 * Ids of the data sets it uses.
 * 
 * @maxItems 10000
 */
export type IdList4 = Id[]
/**
 * Ids of the models that call it: the models the agents run on.
 * 
 * @maxItems 10000
 */
export type IdList5 = Id[]
/**
 * Ids of the environments where its code runs: an MCP server or plugin started there, a skill loaded there. Leave it out for a service its supplier runs, which the agent reaches over the network.
 * 
 * @maxItems 10000
 */
export type IdList6 = Id[]
/**
 * Ids of the models whose behaviour it steers.
 * 
 * @maxItems 10000
 */
export type IdList7 = Id[]
/**
 * Ids of the environments where it is kept and edited.
 * 
 * @maxItems 10000
 */
export type IdList8 = Id[]
/**
 * Ids of the environments that hold the code.
 * 
 * @maxItems 10000
 */
export type IdList9 = Id[]
/**
 * Supplier ids of outside parties that develop the code.
 * 
 * @maxItems 10000
 */
export type IdList10 = Id[]
export type ControlStatus = {
/**
 * implemented, partial, planned, not-applicable (needs a justification) or risk-accepted (needs a justification and an expiry date).
 */
status: ("implemented" | "partial" | "planned" | "not-applicable" | "risk-accepted")
/**
 * How the control is implemented, or what is left.
 */
notes?: string
/**
 * Where a reviewer can see it working: links, tickets, runbooks.
 * 
 * @maxItems 100
 */
evidence?: Text[]
/**
 * Who is accountable for the control (or the risk acceptance).
 */
owner?: string
/**
 * Why the control does not apply, or why the risk is accepted.
 */
justification?: string
/**
 * Date (YYYY-MM-DD) when a risk acceptance must be reviewed.
 */
expires?: string
}

/**
 * What an ML project is made of, for aithreat to decide which OWASP AI Exchange development-time threats apply and which controls counter them.
 */
export interface AithreatProjectDescription {
/**
 * Version of this file format. Only 1 exists today.
 */
formatVersion: 1
/**
 * Who and what this description is about.
 */
project: {
/**
 * Human-readable name of the ML project or system.
 */
name: string
/**
 * What the model does and for whom, in a sentence or two.
 */
description?: string
/**
 * Team or person accountable for the project.
 */
owner?: string
/**
 * How to reach the owner: an e-mail address, chat channel or URL.
 */
contact?: string
}
/**
 * Outside parties that supply data, labels, models, software, tools, compute or hosting.
 * 
 * @maxItems 100000
 */
suppliers?: Supplier[]
/**
 * Places where data, models and code live during development and operation, in the segregation areas the AI Exchange names.
 * 
 * @maxItems 100000
 */
environments?: Environment[]
/**
 * Data sets used to train, fine-tune, evaluate or ground the model.
 * 
 * @maxItems 100000
 */
datasets?: Dataset[]
/**
 * Models this project trains, fine-tunes, obtains or serves.
 * 
 * @maxItems 100000
 */
models?: Model[]
/**
 * How models come to be: one entry per training activity.
 * 
 * @maxItems 100000
 */
training?: TrainingActivity[]
/**
 * What agents can call besides their model: MCP servers, skills, plugins, external agents and tools, whether an outside party supplies them or this project builds them. A supplied ability is part of the supply chain, as a supplied model is.
 * 
 * @maxItems 100000
 */
abilities?: Ability[]
/**
 * What steers a model besides its data and weights: system prompts, agent configuration and reward functions. A change to one changes what the model does, so each is protected like the model (human feedback for RLHF is a data set with purpose feedback).
 * 
 * @maxItems 100000
 */
assets?: Asset[]
code?: Code
/**
 * Status of security controls from the aithreat catalog, keyed by control id (for example DEVDATAPROTECT).
 */
controls?: {
[k: string]: ControlStatus
}
}
export interface Supplier {
/**
 * Identifier that data sets, models and environments use to name this supplier.
 */
id: string
/**
 * The supplier's name.
 */
name?: string
/**
 * What this supplier provides. abilities are what agents call: MCP servers, skills, plugins, external agents and tools (list each under abilities).
 * 
 * @minItems 1
 */
supplies: ("data" | "labels" | "pretrained-models" | "software-libraries" | "mlops-tools" | "compute" | "model-hosting" | "abilities" | "development")[]
/**
 * How far the supplier is vetted: contracted-assessed (contract and security assessment), known-vendor (a known party without an assessment), public-source (a well-known public hub or corpus, such as Hugging Face or a web crawl, where anyone may publish), anonymous (a publisher nobody has identified, such as a file shared on a forum or an unknown account's upload).
 */
trust: ("contracted-assessed" | "known-vendor" | "public-source" | "anonymous")
/**
 * Evidence of provenance that comes with this supplier's goods and is actually checked.
 */
provenance?: ("signatures-verified" | "hashes-verified" | "ai-bom" | "model-card" | "data-card")[]
/**
 * Anything a reviewer should know about this supplier.
 */
notes?: string
}
export interface Environment {
/**
 * Identifier that data sets, models and training activities use to name this environment.
 */
id: string
/**
 * Human-readable name, such as 'feature store' or 'GPU training cluster'.
 */
name?: string
/**
 * The AI Exchange segregation area this environment belongs to (SEGREGATEDATA).
 */
area: ("external" | "application-development" | "data-engineering" | "training" | "operational")
/**
 * Where the environment runs: on-premises, or with a cloud supplier (name it in 'provider').
 */
hosting?: ("on-premises" | "cloud")
/**
 * Supplier id of the cloud or platform that hosts this environment.
 */
provider?: string
/**
 * Kinds of asset kept here.
 */
holds?: ("data" | "models" | "code")[]
access?: Access
/**
 * Separated from the other areas, with its own access rights and hardening. Not declared counts as not segregated.
 */
segregated?: boolean
/**
 * Training data and parameters stay hidden from engineers even in use (CONFCOMPUTE).
 */
confidentialComputing?: boolean
/**
 * Notebooks or jobs here run packages that engineers install themselves (true), or only packages the platform provides (false). Not declared counts as true where models are developed.
 */
userInstalledDependencies?: boolean
installsFrom?: IdList
/**
 * Access to data and models here is logged. Not declared counts as not logged.
 */
accessLogging?: boolean
/**
 * Logs are watched for suspicious access or manipulation. Not declared counts as not watched.
 */
monitoring?: boolean
/**
 * Anything a reviewer should know about this environment.
 */
notes?: string
}
/**
 * Who can reach what this environment holds.
 */
export interface Access {
/**
 * Roles that have access, such as data-engineers or ml-engineers.
 * 
 * @maxItems 1000
 */
roles?: Text[]
/**
 * How many people can read what this holds. More than 20 is broad access; not declared counts as broad.
 */
people?: number
/**
 * How many people can change what this holds. More than 5 is many; not declared counts as many.
 */
writers?: number
}
export interface Dataset {
/**
 * A short identifier that other parts of this file use to refer to this entry: lower-case letters, digits, '.', '_' and '-'.
 */
id: string
/**
 * Human-readable name.
 */
name?: string
/**
 * What the data is.
 */
description?: string
/**
 * What the data is for: training, fine-tuning, evaluation (test or validation), retrieval (a repository that retrieval-augmented generation adds to prompts), or feedback (human ratings or preferences that train a reward model or the model itself through reinforcement learning, as in RLHF).
 */
purpose: ("training" | "fine-tuning" | "evaluation" | "retrieval" | "feedback")
/**
 * Where the data comes from.
 */
origin: ("internal" | "supplier" | "public-internet" | "collected-in-operation" | "user-generated" | "synthetic" | "federated-clients")
/**
 * The suppliers the data passes through, in order: for example collected by one supplier, then labelled by another.
 * 
 * @maxItems 100
 */
supplyChain?: {
/**
 * A short identifier that other parts of this file use to refer to this entry: lower-case letters, digits, '.', '_' and '-'.
 */
supplier: string
/**
 * What the supplier does to the data.
 */
role: ("provides" | "collects" | "labels" | "curates" | "hosts")
}[]
/**
 * A short identifier that other parts of this file use to refer to this entry: lower-case letters, digits, '.', '_' and '-'.
 */
labelsFor?: string
/**
 * Every sensitivity class that applies to the data. Not declared counts as internal.
 * 
 * @minItems 1
 */
sensitivity?: ("public" | "internal" | "confidential" | "personal" | "special-category-personal" | "intellectual-property")[]
/**
 * Regulated classes of data in the set, each of which makes a leak more harmful: payment-card (cardholder data), health, financial (account or credit records), biometric, children (data about children).
 * 
 * @minItems 1
 */
regulated?: ("payment-card" | "health" | "financial" | "biometric" | "children")[]
/**
 * Roughly how many records (people, transactions, documents) the data set holds. From 1,000,000 records a leak of personal or confidential data counts as high impact.
 */
records?: number
storedIn?: IdList1
/**
 * How the stored data is protected.
 */
protection?: {
/**
 * Stored encrypted. Not declared counts as unencrypted.
 */
encryptedAtRest?: boolean
/**
 * Access limited by least privilege. Not declared counts as not limited.
 */
accessControl?: boolean
/**
 * Whether hashes of the data are recorded, and whether they are verified before training. Not declared counts as not verified.
 */
integrityHashes?: ("none" | "recorded" | "verified")
/**
 * Where each record came from is recorded.
 */
provenanceRecorded?: boolean
}
/**
 * Anything a reviewer should know about this data set.
 */
notes?: string
}
export interface TrainingActivity {
/**
 * A short identifier that other parts of this file use to refer to this entry: lower-case letters, digits, '.', '_' and '-'.
 */
id: string
/**
 * How the model learns: from-scratch, fine-tuning, transfer-learning, continuous (retrained on data collected in operation), federated, retrieval-augmented (no weight updates), hosted-fine-tuning (fine-tuned by an external party).
 */
mode: ("from-scratch" | "fine-tuning" | "transfer-learning" | "continuous" | "federated" | "retrieval-augmented" | "hosted-fine-tuning")
/**
 * A short identifier that other parts of this file use to refer to this entry: lower-case letters, digits, '.', '_' and '-'.
 */
model?: string
datasets?: IdList4
/**
 * A short identifier that other parts of this file use to refer to this entry: lower-case letters, digits, '.', '_' and '-'.
 */
environment?: string
/**
 * A short identifier that other parts of this file use to refer to this entry: lower-case letters, digits, '.', '_' and '-'.
 */
hostedBy?: string
/**
 * For continuous and federated training: whether a retrained model goes live by itself (automatic) or only after it passes validation by a person or a gate (after-validation). Not declared counts as automatic.
 */
release?: ("automatic" | "after-validation")
/**
 * For federated learning: who the clients are.
 */
federation?: {
/**
 * Who or what the clients are, such as 'consumer phones'.
 */
clientPopulation?: string
/**
 * Roughly how many clients take part.
 */
clients?: number
/**
 * Whether the project controls the clients (its own servers) or not (users' devices, other organisations). Not declared counts as not controlled.
 */
clientsControlled?: boolean
/**
 * Updates are aggregated so that no single client's update is exposed to the server: without it, a dishonest server can rebuild a client's data from its update. Not declared counts as false.
 */
secureAggregation?: boolean
/**
 * Aggregation limits the weight of outlying or malicious updates. Not declared counts as false.
 */
robustAggregation?: boolean
}
/**
 * Anything a reviewer should know about this activity.
 */
notes?: string
}
export interface Ability {
/**
 * A short identifier that other parts of this file use to refer to this entry: lower-case letters, digits, '.', '_' and '-'.
 */
id: string
/**
 * Human-readable name, such as 'ticketing MCP server'.
 */
name?: string
/**
 * What it is: mcp-server (a Model Context Protocol server whose tools an agent calls), skill (instructions and files that teach an agent an ability, loaded when needed), plugin (code loaded into the agent or the application around it), external-agent (another party's agent this one hands tasks to), tool (a bespoke connector or API the agent calls).
 */
kind: ("mcp-server" | "skill" | "plugin" | "external-agent" | "tool")
/**
 * supplied when an outside party provides it (name it in supplier); built-here when this project writes and maintains it.
 */
origin: ("supplied" | "built-here")
/**
 * A short identifier that other parts of this file use to refer to this entry: lower-case letters, digits, '.', '_' and '-'.
 */
supplier?: string
usedBy?: IdList5
runsIn?: IdList6
/**
 * Fixed to one version (a version number, commit or digest) that changes only when the team updates it. Not declared counts as not pinned.
 */
pinned?: boolean
/**
 * Checked before use against what the team approved: a signature or hash, or a review of its code and of the descriptions it gives the agent. Not declared counts as not verified.
 */
verified?: boolean
/**
 * Anything a reviewer should know about this ability.
 */
notes?: string
}
export interface Asset {
/**
 * A short identifier that other parts of this file use to refer to this entry: lower-case letters, digits, '.', '_' and '-'.
 */
id: string
/**
 * Human-readable name, such as 'assistant system prompt'.
 */
name?: string
/**
 * What it is: system-prompt (instructions sent to the model with every request), agent-configuration (an agent's settings: the tools it may call, its limits, its plan templates), reward-function (the code or model that scores outputs in reinforcement learning, RLHF included).
 */
kind: ("system-prompt" | "agent-configuration" | "reward-function")
usedBy?: IdList7
storedIn?: IdList8
access?: Access1
/**
 * confidential when it is intellectual property or tells an attacker how to steer the model; public when it is published. Not declared, it follows the code (code.confidentiality), which counts as confidential unless declared open-source.
 */
confidentiality?: ("confidential" | "public")
/**
 * Every change is reviewed and approved by someone other than its author before it goes live. Not declared counts as not reviewed.
 */
changeReview?: boolean
/**
 * The running system checks it against the approved version (a hash or signature) before using it, so a change nobody approved is refused. Not declared counts as not checked.
 */
integrityChecked?: boolean
/**
 * Anything a reviewer should know about this asset.
 */
notes?: string
}
/**
 * Who can read and change it. Each count left out is read from the code's access (code.access), as for a prompt kept in the code repository; not declared there either, it counts as many.
 */
export interface Access1 {
/**
 * Roles that have access, such as data-engineers or ml-engineers.
 * 
 * @maxItems 1000
 */
roles?: Text[]
/**
 * How many people can read what this holds. More than 20 is broad access; not declared counts as broad.
 */
people?: number
/**
 * How many people can change what this holds. More than 5 is many; not declared counts as many.
 */
writers?: number
}
/**
 * The source code and configuration that prepare data and train the model.
 */
export interface Code {
/**
 * confidential when the code and configuration are intellectual property; open-source when they are published.
 */
confidentiality?: ("confidential" | "open-source")
/**
 * Where the code is kept, such as a repository URL.
 */
repository?: string
storedIn?: IdList9
developedBy?: IdList10
access?: Access2
}
/**
 * Who can read and change the code.
 */
export interface Access2 {
/**
 * Roles that have access, such as data-engineers or ml-engineers.
 * 
 * @maxItems 1000
 */
roles?: Text[]
/**
 * How many people can read what this holds. More than 20 is broad access; not declared counts as broad.
 */
people?: number
/**
 * How many people can change what this holds. More than 5 is many; not declared counts as many.
 */
writers?: number
}
