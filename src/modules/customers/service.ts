/**
 * The customer use cases (docs/product.md §5), one file each under `use-cases/`. Each calls access.ts
 * first (it locks the customer and decides per record), writes through the repository and appends
 * to the customer's timeline in the same transaction. This file is the module's face for its routes
 * and for other modules.
 */
export { createCustomer } from './use-cases/create.js';
export { editCustomer } from './use-cases/edit.js';
export { addContact, changeContact, removeContact } from './use-cases/contacts.js';
export { addAddress, changeAddress, removeAddress } from './use-cases/addresses.js';
export { addMonthlyAccount } from './use-cases/accounts.js';
export { mergeCustomers } from './use-cases/merge.js';
export { listAccountManagers, searchCustomers } from './use-cases/search.js';
export { customerShipments, customerView } from './use-cases/view.js';
export { setRequirements } from './use-cases/requirements.js';
export { pinTier, unpinTier } from './use-cases/tier-pin.js';
export { revealCustomerRecord } from './use-cases/reveal.js';
export { finishTask, listTasks } from './use-cases/tasks.js';

/**
 * Appends an entry to a customer's timeline in the caller's transaction, for changes other modules
 * make to the customer (the tier rules: `tier_changed` with `{ from, to, reason }`).
 */
export { addCustomerEvent as appendCustomerEvent } from './repository.js';

/** The account managers' desk and planned callbacks (use-cases/desk.ts). */
export { assignAccounts, callbackPlan, dueCallbacks, logCallbackOutcome, myAccounts, overdueCallbacks, planAccountCallbacks, slotOn } from './use-cases/desk.js';

/** Row writes for the demo company's accounts (src/demo/accounts.ts), which seeds without a signed-in actor. */
export { insertAddress, insertContact, insertCustomer, insertMonthlyAccount } from './repository.js';
/** What links a customer's shipments (monthly accounts, phones) and its contacts, for the monthly report's queries. */
export { contactsOf as customerContacts, linkPhones as customerLinkPhones, monthlyAccountsOf as customerMonthlyAccounts } from './repository.js';
/** A new address from what a person typed (region read from the text), for the service notifications' new service address. */
export { addressValues } from './use-cases/steps.js';
/** A monthly account's statement: the credit notes of its claims (use-cases/statement.ts). */
export { monthlyStatement } from './use-cases/statement.js';
