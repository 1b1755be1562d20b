/** The surveys module's face for other modules (the customer view). */
export { customerSurveys } from './use-cases/customer.js';
