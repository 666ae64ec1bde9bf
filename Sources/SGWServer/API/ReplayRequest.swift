import Foundation

/// The body of `POST /api/v1/deadletters/replay`: `{"ids": [12, 13]}` or `{"all": true}`.
struct ReplayRequest: Decodable {
    var ids: [Int64]?
    var all: Bool?

    /// The ids to replay, nil for all.
    static func ids(_ body: Data) throws -> [Int64]? {
        guard let request = try? AdminJSON.decoder().decode(ReplayRequest.self, from: body) else {
            throw AdminError.badRequest("the body must be {\"ids\": [DELIVERY_ID, ...]} or {\"all\": true}")
        }
        switch (request.ids, request.all ?? false) {
        case (let ids?, false): return ids
        case (nil, true): return nil
        default: throw AdminError.badRequest("give either ids or \"all\": true")
        }
    }
}
