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
  // Signed since the first seed; their signals started arriving this autumn.
  { id: 'cus_vantagehotels', name: 'Vantage Hotels & Resorts', arr: 455_000, segment: 'enterprise', ownerAccountId: MARCUS },
  { id: 'cus_rheinwerk', name: 'Rheinwerk Logistik GmbH', arr: 297_500, segment: 'enterprise', ownerAccountId: JORDAN },
  { id: 'cus_northgatemedia', name: 'Northgate Media Group', arr: 268_000, segment: 'enterprise', ownerAccountId: JORDAN },
  { id: 'cus_cobaltcloud', name: 'Cobalt Cloud Systems', arr: 236_000, segment: 'enterprise', ownerAccountId: MARCUS },
  { id: 'cus_summitstaffing', name: 'Summit Staffing Partners', arr: 164_000, segment: 'mid-market', ownerAccountId: MARCUS },
  { id: 'cus_halcyon', name: 'Halcyon Analytics', arr: 132_000, segment: 'mid-market', ownerAccountId: MARCUS },
  { id: 'cus_veldtagri', name: 'Veldt Agri Supplies', arr: 122_400, segment: 'mid-market', ownerAccountId: JORDAN },
  { id: 'cus_nordlysretail', name: 'Nordlys Retail AB', arr: 109_200, segment: 'mid-market', ownerAccountId: JORDAN },
  { id: 'cus_castellanaclinics', name: 'Castellana Clinics', arr: 88_800, segment: 'mid-market', ownerAccountId: MARCUS },
  { id: 'cus_harbourview', name: 'Harbourview Schools Trust', arr: 66_000, segment: 'mid-market', ownerAccountId: JORDAN },
  { id: 'cus_ironbark', name: 'Ironbark Construction', arr: 57_600, segment: 'mid-market', ownerAccountId: MARCUS },
  { id: 'cus_parcelpoint', name: 'ParcelPoint Couriers', arr: 43_200, segment: 'mid-market', ownerAccountId: JORDAN },
  { id: 'cus_wrenfitness', name: 'Wren & Co. Fitness', arr: 21_600, segment: 'smb', ownerAccountId: MARCUS },
  { id: 'cus_driftwoodvet', name: 'Driftwood Veterinary', arr: 19_200, segment: 'smb', ownerAccountId: JORDAN },
  { id: 'cus_mosaicevents', name: 'Mosaic Events', arr: 16_800, segment: 'smb', ownerAccountId: JORDAN },
  { id: 'cus_tallowwick', name: 'Tallow & Wick Candles', arr: 9_600, segment: 'smb', ownerAccountId: MARCUS },
];

export const seedCustomers = (): Customer[] => CUSTOMERS.map((customer) => ({ ...customer }));
