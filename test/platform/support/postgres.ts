export { emptyPostgresDatabase } from '../../support/database.js';
