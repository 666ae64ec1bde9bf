/// The single source of truth: messages, their versions, planned deliveries and deadlines, imports, rejections,
/// and every message's history. Composed of one protocol per capability (`Capabilities/`), so that another store
/// (PostgreSQL) can be built and tested one capability at a time, and a caller can ask for only what it uses.
public typealias MessageStore = ImportStore & IntakeStore & MessageQueries & DeliveryQueue & ClaimsStore & AccessStore
    & AdminQueries & ReportQueries
