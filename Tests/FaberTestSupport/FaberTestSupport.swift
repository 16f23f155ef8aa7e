// Test support: see Package.swift.
