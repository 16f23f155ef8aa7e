// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "faber",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "faber", targets: ["faber"]),
        .executable(name: "faber-mcp", targets: ["faber-mcp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
    ],
    targets: [
        // C libraries, found through pkg-config; never vendored.
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // Non-variadic wrappers over libedit for the REPL.
        .target(name: "CLineEditor", dependencies: ["CEditLine"]),

        // Values, source locations, the error type, the handler interface (signatures, modules, typed
        // input reading), the plugin configuration loader. No C, no AWS.
        .target(
            name: "FaberCore",
            dependencies: [
                .product(name: "OrderedCollections", package: "swift-collections")
            ]),
        // YAML + markdown loading, the spec model, workspace discovery, spec checks.
        .target(name: "FaberSpec", dependencies: ["FaberCore", "CYAML", "CCmark"]),
        // Expressions, step graphs, the executor. Knows nothing of AWS.
        .target(name: "FaberEngine", dependencies: ["FaberCore", "FaberSpec"]),
        // Generic native handlers: core.*, report.*
        .target(
            name: "FaberHandlers",
            dependencies: [
                "FaberCore",
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        // Provider-neutral ops types every ops handler needs: registry entries (ResourceRef, ResourceType),
        // metric series, log events, cost periods, resource statuses, security findings. No AWS protocols.
        .target(name: "FaberOpsModel", dependencies: ["FaberCore"]),
        // The analysis handlers (registry.*, health.*): they judge values, and know nothing of AWS protocols.
        .target(name: "FaberOps", dependencies: ["FaberCore", "FaberOpsModel"]),
        // AWS Signature Version 4; depends on swift-crypto only.
        .target(
            name: "AWSSigV4",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto")
            ]),
        // Credentials, endpoints, wire protocols, retries, tracing.
        .target(
            name: "FaberAWS",
            dependencies: [
                "FaberCore", "AWSSigV4",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        // The aws.* native handlers.
        .target(name: "FaberAWSHandlers", dependencies: ["FaberCore", "FaberOpsModel", "FaberAWS"]),
        // The runtime every front end goes through: resolve, check, run. Lists the installed handler
        // modules (Runtime.installedModules); a new module is one dependency here and one line there.
        .target(
            name: "FaberRuntime",
            dependencies: [
                "FaberCore", "FaberSpec", "FaberEngine", "FaberHandlers", "FaberAWSHandlers", "FaberOps",
            ]),
        // `faber mcp`: the workspace's commands as Model Context Protocol tools and prompts, over stdio.
        .target(
            name: "FaberMCP",
            dependencies: [
                "FaberCore", "FaberSpec", "FaberEngine", "FaberRuntime",
                .product(name: "MCP", package: "swift-sdk"),
            ]),
        // Command line and REPL: argv, printing, questions on the terminal.
        .target(name: "FaberCLI", dependencies: ["FaberCore", "FaberSpec", "FaberEngine", "FaberRuntime", "CLineEditor"]),
        .executableTarget(name: "faber", dependencies: ["FaberCLI"]),
        // `faber mcp` runs this binary (installed beside faber): the SDK links FoundationNetworking
        // and libcurl, which would cost every other faber command 20 ms and 8 MB at start.
        .executableTarget(name: "faber-mcp", dependencies: ["FaberCLI", "FaberMCP", "FaberCore"]),
        // The mutation fuzzer of specs, expressions and JSON (docs/fuzzing.md); run by scripts/fuzz.
        .executableTarget(
            name: "faber-fuzz", dependencies: ["FaberRuntime", "FaberCore", "FaberSpec", "FaberEngine"], path: "Tests/FaberFuzz"),

        // Shared by tests only, one of each kind: temporary workspaces, the test console and clock,
        // handler contexts, the built faber binary, a moto server launcher, a scripted HTTP server.
        .target(
            name: "FaberTestSupport",
            dependencies: [
                "FaberCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ], path: "Tests/FaberTestSupport"),

        .testTarget(name: "FaberCoreTests", dependencies: ["FaberCore", "FaberTestSupport"]),
        .testTarget(name: "FaberSpecTests", dependencies: ["FaberSpec", "FaberTestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "FaberEngineTests", dependencies: ["FaberEngine", "FaberSpec", "FaberHandlers", "FaberTestSupport"]),
        .testTarget(name: "AWSSigV4Tests", dependencies: ["AWSSigV4"], resources: [.copy("Fixtures")]),
        .testTarget(name: "FaberAWSTests", dependencies: ["FaberAWS", "FaberAWSHandlers", "FaberOpsModel", "FaberTestSupport"]),
        .testTarget(name: "FaberOpsTests", dependencies: ["FaberOps", "FaberOpsModel", "FaberCore", "FaberTestSupport"]),
        .testTarget(name: "FaberRuntimeTests", dependencies: ["FaberRuntime", "FaberCore", "FaberSpec", "FaberTestSupport"]),
        .testTarget(name: "FaberCLITests", dependencies: ["FaberCLI", "FaberRuntime", "FaberCore"]),
        .testTarget(name: "FaberMCPTests", dependencies: ["FaberMCP", "FaberRuntime", "FaberSpec", "FaberCore", "FaberTestSupport"]),
        .testTarget(name: "FaberEndToEndTests", dependencies: ["FaberCore", "FaberTestSupport"], resources: [.copy("Fixtures")]),
    ]
)

// The coverage-guided fuzz target, built only by scripts/libfuzz (FABER_LIBFUZZER=1, its own
// build folder): libFuzzer brings its own main, so it is not an executable of the usual build.
if Context.environment["FABER_LIBFUZZER"] != nil {
    package.targets.append(
        .executableTarget(
            name: "faber-libfuzzer", dependencies: ["FaberCore", "FaberSpec", "FaberEngine"], path: "Tests/FaberLibFuzzer",
            swiftSettings: [.unsafeFlags(["-sanitize=fuzzer", "-parse-as-library"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]))
}
