import Foundation

/// The checkout the tests run from: its examples, adapters, mappings and scripts.
public enum Repository {
    /// The repository's root folder (this file is `Sources/SGWTesting/Repository.swift`).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
}
