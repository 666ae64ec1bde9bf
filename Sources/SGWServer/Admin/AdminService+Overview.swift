import Foundation
public import SGWStore

/// The console's overview: where the deliveries of the messages a reader may see stand.
extension AdminService {
    /// Deliveries of the messages `principal` may see, counted per destination or per department; overdue and at risk
    /// as `deadlines` counts them (at risk: less than one working day left).
    public func deliveryTallies(_ principal: Principal, by grouping: DeliveryGrouping) throws -> [DeliveryTallyView] {
        let t = now()
        return try store.deliveryTallies(by: grouping, now: t, atRiskBefore: calendar.atRiskCutoff(after: t), scope: principal.scope)
            .map(DeliveryTallyView.init)
    }
}
