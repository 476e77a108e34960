/** Northwind Ledger's customers: the companies whose signals reach product, with what they pay a year. */
import { JORDAN_REYES, MARCUS_BELL } from './people';

export interface Customer {
  id: string;
  name: string;
  /** Annual recurring revenue in USD. */
  arr: number;
  segment: 'enterprise' | 'mid-market' | 'smb';
  /** The sales rep who owns the account. */
  ownerAccountId: string;
}

const MARCUS = MARCUS_BELL.accountId;
const JORDAN = JORDAN_REYES.accountId;

const CUSTOMERS: readonly Customer[] = [
  { id: 'cus_harborpine', name: 'Harbor & Pine Logistics', arr: 584_000, segment: 'enterprise', ownerAccountId: MARCUS },
  { id: 'cus_meridianhealth', name: 'Meridian Health Partners', arr: 412_500, segment: 'enterprise', ownerAccountId: MARCUS },
  { id: 'cus_atlasfreight', name: 'Atlas Freight Europe', arr: 318_000, segment: 'enterprise', ownerAccountId: JORDAN },
  { id: 'cus_copperleaf', name: 'Copperleaf Property Management', arr: 226_400, segment: 'enterprise', ownerAccountId: JORDAN },
  { id: 'cus_kestreldental', name: 'Kestrel Dental Group', arr: 148_800, segment: 'mid-market', ownerAccountId: MARCUS },
  { id: 'cus_bluefern', name: 'Bluefern Software', arr: 96_000, segment: 'mid-market', ownerAccountId: JORDAN },
  { id: 'cus_quillwright', name: 'Quillwright Legal', arr: 84_600, segment: 'mid-market', ownerAccountId: MARCUS },
  { id: 'cus_solsticeenergy', name: 'Solstice Energy Services', arr: 72_000, segment: 'mid-market', ownerAccountId: JORDAN },
  { id: 'cus_tidewater', name: 'Tidewater Marine Supply', arr: 51_300, segment: 'mid-market', ownerAccountId: MARCUS },
  { id: 'cus_lumenacademy', name: 'Lumen Academy', arr: 38_400, segment: 'mid-market', ownerAccountId: JORDAN },
  { id: 'cus_fieldstone', name: 'Fieldstone Architects', arr: 24_000, segment: 'smb', ownerAccountId: MARCUS },
  { id: 'cus_brightside', name: 'Brightside Cleaning Co.', arr: 18_600, segment: 'smb', ownerAccountId: JORDAN },
  { id: 'cus_oakandember', name: 'Oak & Ember Catering', arr: 14_400, segment: 'smb', ownerAccountId: MARCUS },
  { id: 'cus_pixelharbor', name: 'Pixel Harbor Studio', arr: 11_880, segment: 'smb', ownerAccountId: JORDAN },
  { id: 'cus_greenlinebikes', name: 'Greenline Bike Repair', arr: 8_400, segment: 'smb', ownerAccountId: MARCUS },
];

export const seedCustomers = (): Customer[] => CUSTOMERS.map((customer) => ({ ...customer }));
