import { z } from 'zod';
import { directoryProviderSchema } from '../../identity/index.js';
import { provinceCodes } from './provinces.js';
import { codePattern, librarySymbolPattern } from './symbols.js';

/**
 * The network document: the directory of libraries, alliances (with their members and governance
 * inline) and agreements, as one JSON file. It is the import and export format (docs/network-
 * format.md; demo/network.json is written in it). Every object is strict: an unknown field is an
 * error, never silently dropped.
 */

export const libraryTypes = ['university', 'public', 'research', 'other'] as const;
export const allianceKinds = ['national', 'provincial', 'municipal', 'inter-provincial', 'industry'] as const;
export const allianceTiers = ['national', 'regional', 'provincial', 'municipal'] as const;
export const organisationModels = ['central-library', 'multi-level', 'parallel', 'virtual-centre'] as const;
export const managementModels = ['council', 'agreement', 'co-construction'] as const;
export const memberRoles = ['management-centre', 'regional-centre', 'provincial-centre', 'discipline-centre', 'business-centre', 'member'] as const;
export const governanceBodies = ['member-assembly', 'council', 'standing-council', 'executive-council', 'business-centre', 'secretariat'] as const;
export const seatPositions = ['chair', 'vice-chair', 'director', 'standing-director', 'secretary-general', 'member'] as const;
export const contactRoles = ['general', 'ill', 'document-delivery', 'cataloguing', 'acquisitions', 'reference', 'director', 'it', 'other'] as const;
/** Kinds of material a lender may exclude from interlibrary loan. */
export const materialTypes = [
  'book',
  'serial',
  'newspaper',
  'thesis',
  'conference',
  'map',
  'score',
  'audio',
  'video',
  'manuscript',
  'rare-book',
  'electronic',
  'other',
] as const;

export type MemberRole = (typeof memberRoles)[number];

export const librarySymbol = z.string().regex(librarySymbolPattern).describe('ISIL (CN-…) or PREFIX:value');
export const allianceCode = z.string().regex(codePattern);
export const agreementCode = z.string().regex(codePattern);
const isoDate = z.iso.date().describe('YYYY-MM-DD');
const webAddress = z.url({ protocol: /^https?$/ }).max(500);

/** A text in Chinese and English: every name shows in both languages of the interface. */
export const localizedText = z.strictObject({ zh: z.string().trim().min(1).max(2000), en: z.string().trim().min(1).max(2000) });
export type LocalizedText = z.infer<typeof localizedText>;

export const feesSchema = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/).describe('ISO 4217'),
  loan: z.number().min(0).optional(),
  copyPerPage: z.number().min(0).optional(),
  copyMinimum: z.number().min(0).optional(),
});

export const contactSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  role: z.enum(contactRoles),
  email: z.email().max(200).optional(),
  phone: z.string().trim().min(1).max(50).optional(),
});
export type Contact = z.infer<typeof contactSchema>;

export const endpointsSchema = z.strictObject({
  iso18626: webAddress.optional(),
  oaiPmh: webAddress.optional(),
  sru: webAddress.optional(),
  ncip: webAddress.optional(),
});

export const lendingPolicySchema = z.strictObject({
  lendsReturnables: z.boolean(),
  suppliesCopies: z.boolean(),
  loanPeriodDays: z.number().int().min(1).max(365).optional(),
  renewals: z.number().int().min(0).max(20).optional(),
  excludedMaterialTypes: z.array(z.enum(materialTypes)).max(materialTypes.length).optional(),
  fees: feesSchema.optional(),
});

export const closedDaySchema = z.strictObject({ from: isoDate, to: isoDate, reason: localizedText.optional() });

export const librarySchema = z.strictObject({
  symbol: librarySymbol,
  name: localizedText,
  type: z.enum(libraryTypes),
  province: z.enum(provinceCodes).describe('ISO 3166-2:CN'),
  city: localizedText.optional(),
  coordinates: z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
  fte: z.number().int().min(0).optional().describe('full-time-equivalent readers served'),
  contacts: z.array(contactSchema).max(50).optional(),
  endpoints: endpointsSchema.optional(),
  lendingPolicy: lendingPolicySchema.optional(),
  closedDays: z.array(closedDaySchema).max(366).optional(),
  targetLendBorrowRatio: z.number().min(0).max(1000).optional(),
});
export type LibraryDoc = z.infer<typeof librarySchema>;

export const memberSchema = z.strictObject({ library: librarySymbol, role: z.enum(memberRoles), joined: isoDate.optional() });
export type Member = z.infer<typeof memberSchema>;

export const seatSchema = z.strictObject({
  position: z.enum(seatPositions),
  library: librarySymbol.optional(),
  person: z.string().trim().min(1).max(200).optional(),
  termStart: isoDate.optional(),
  termEnd: isoDate.optional(),
});
export type Seat = z.infer<typeof seatSchema>;

export const governanceBodySchema = z.strictObject({
  body: z.enum(governanceBodies),
  name: localizedText.optional(),
  seats: z.array(seatSchema).max(500).optional(),
});
export type GovernanceBody = z.infer<typeof governanceBodySchema>;

export const allianceFieldsSchema = z.strictObject({
  code: allianceCode,
  name: localizedText,
  kind: z.enum(allianceKinds),
  tier: z.enum(allianceTiers),
  parent: allianceCode.optional().describe('the alliance one tier up (CALIS → regional centre → provincial alliance)'),
  managementCentre: librarySymbol.optional(),
  founded: z.number().int().min(1800).max(2200).optional(),
  statedMemberCount: z.number().int().min(0).optional().describe('members as the alliance states it, which may exceed the members listed'),
  province: z.enum(provinceCodes).optional(),
  organisationModel: z.enum(organisationModels).optional(),
  managementModel: z.enum(managementModels).optional(),
  website: webAddress.optional(),
  description: localizedText.optional(),
});
export type AllianceFields = z.infer<typeof allianceFieldsSchema>;

/** An alliance with its members and governance; absent lists are left as they are on import. */
export const allianceSchema = allianceFieldsSchema.extend({
  members: z.array(memberSchema).max(100_000).optional(),
  governance: z.array(governanceBodySchema).max(100).optional(),
});
export type AllianceDoc = z.infer<typeof allianceSchema>;

/** One party to an agreement: a library or an alliance (exactly one of the two). */
export const partySchema = z.strictObject({ library: librarySymbol.optional(), alliance: allianceCode.optional() });
export type Party = z.infer<typeof partySchema>;

export const agreementSchema = z.strictObject({
  code: agreementCode,
  name: localizedText,
  parties: z.array(partySchema).min(2).max(10_000),
  feesWaived: z.boolean().optional(),
  fees: feesSchema.optional(),
  subsidyRate: z.number().min(0).max(1).optional().describe('share of the fee paid by the alliance, 0..1'),
  turnaroundDays: z.number().int().min(0).max(365).optional().describe('committed turnaround in working days'),
  validFrom: isoDate,
  validTo: isoDate.optional(),
});
export type AgreementDoc = z.infer<typeof agreementSchema>;

export const networkDocumentSchema = z.strictObject({
  libraries: z.array(librarySchema).optional(),
  alliances: z.array(allianceSchema).optional(),
  agreements: z.array(agreementSchema).optional(),
  // Checked and written by the identity module (docs/identity.md); exported to network administrators only.
  identityProviders: z.array(directoryProviderSchema).optional(),
});
export type NetworkDocument = z.infer<typeof networkDocumentSchema>;
