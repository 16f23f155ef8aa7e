/// A labelled corpus of log lines for the grouping accuracy of `logs.patterns` (docs/log-patterns.md,
/// section 5): 20 sources in the style of well-known system logs, each a few to twenty templates
/// whose variable parts (ids, numbers, addresses, user and host names, states, paths) are drawn from
/// a seeded generator, so every run sees the same lines. Each line carries the id of its true
/// template. A variable is what changes between occurrences of one event (an id, a user, a state
/// such as `NEW` in `Transitioned from NEW to RUNNING`); two different sentences are two templates
/// even when they differ in one word (`Starting ...` / `Ending ...`); so are two shapes of one
/// event that differ in their constant words (`bytes sent` / `bytes (1.2 KB) sent`).
struct LogCorpus {
    struct Line: Sendable {
        var source: String
        var template: String
        var message: String
    }

    struct Template: Sendable {
        var id: String
        var weight: Int
        var make: @Sendable (inout Generator) -> String

        init(_ id: String, _ weight: Int, _ make: @escaping @Sendable (inout Generator) -> String) {
            self.id = id
            self.weight = weight
            self.make = make
        }
    }

    struct Source: Sendable {
        var name: String
        var templates: [Template]
    }

    /// SplitMix64: the same numbers on every machine.
    struct Generator {
        var state: UInt64
        /// False: the header helpers (syslog, logcat, ...) give nothing, for lines as the content
        /// a log parser sees after its header format is removed.
        var headers = true

        init(seed: UInt64, headers: Bool = true) {
            state = seed
            self.headers = headers
        }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
        }

        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

        mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }

        mutating func hex(_ count: Int) -> String {
            let digits = Array("0123456789abcdef")
            return String((0..<count).map { _ in digits[int(0...15)] })
        }

        mutating func digits(_ count: Int) -> String {
            String(int(1...9)) + String((1..<count).map { _ in Character(String(int(0...9))) })
        }

        mutating func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }

        mutating func ip() -> String { "10.\(int(250...251)).\(int(1...254)).\(int(1...254))" }
        mutating func publicIP() -> String { "\(int(24...223)).\(int(0...255)).\(int(0...255)).\(int(1...254))" }
        mutating func port() -> Int { int(1024...65535) }
        mutating func uuid() -> String { "\(hex(8))-\(hex(4))-\(hex(4))-\(hex(4))-\(hex(12))" }
        mutating func decimal(_ range: ClosedRange<Int>, _ places: Int) -> String {
            var fraction = ""
            for _ in 0..<places { fraction += String(int(0...9)) }
            return "\(int(range)).\(fraction)"
        }
        mutating func clock() -> String { "\(pad(int(0...23), 2)):\(pad(int(0...59), 2)):\(pad(int(0...59), 2))" }
        mutating func iso() -> String { "2025-10-\(pad(int(1...31), 2))T\(clock()).\(pad(int(0...999), 3))Z" }
        mutating func user() -> String { pick(Self.users) }
        mutating func word(_ words: [String]) -> String { pick(words) }

        static let users = [
            "root", "admin", "oracle", "test", "guest", "webmaster", "postgres", "ubuntu", "deploy", "alice", "bob", "carol", "nagios",
            "support", "user1", "test123", "ftpuser", "mysql", "git", "jenkins", "pi", "ec2-user", "www-data", "backup",
        ]
        static let hosts = ["combo", "web", "db", "cache", "bastion", "worker", "ingest"]
        static let states = ["NEW", "SCHEDULED", "ASSIGNED", "RUNNING", "SUCCEEDED", "FAILED", "KILLED", "UNASSIGNED", "COMMIT_PENDING"]
    }

    /// `count` lines of one source, in generation order.
    static func lines(of source: Source, count: Int, seed: UInt64 = 0x5EED, headers: Bool = true) -> [Line] {
        var generator = Generator(seed: seed ^ fnv(source.name), headers: headers)
        let total = source.templates.reduce(0) { $0 + $1.weight }
        return (0..<count).map { _ in
            var draw = generator.int(1...total)
            var chosen = source.templates[0]
            for template in source.templates {
                draw -= template.weight
                if draw <= 0 {
                    chosen = template
                    break
                }
            }
            var message = chosen.make(&generator)
            while message.first == " " { message.removeFirst() }
            return Line(source: source.name, template: chosen.id, message: message)
        }
    }

    private static func fnv(_ text: String) -> UInt64 {
        text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
    }

    static let sources: [Source] = [
        hdfs, hadoop, spark, zookeeper, openstack, bgl, hpc, linux, openssh, windows, android, healthApp, apache, proxifier, lambda,
        jsonApp, logfmtApp, java, nginx, mac, postgres, kubelet, redis, kafka, systemd, thunderbird,
    ]

    static let hdfs = Source(
        name: "HDFS",
        templates: [
            Template("receiving", 20) { g in "Receiving block blk_\(g.blk()) src: /\(g.ip()):\(g.port()) dest: /\(g.ip()):50010" },
            Template("received", 18) { g in "Received block blk_\(g.blk()) of size \(g.int(1000...67_108_864)) from /\(g.ip())" },
            Template("responder", 18) { g in "PacketResponder \(g.int(0...2)) for block blk_\(g.blk()) terminating" },
            Template("stored", 18) { g in
                "BLOCK* NameSystem.addStoredBlock: blockMap updated: \(g.ip()):50010 is added to blk_\(g.blk()) size \(g.int(1000...67_108_864))"
            },
            Template("allocate", 6) { g in
                "BLOCK* NameSystem.allocateBlock: /user/root/rand/_temporary/_task_200811092030_0001_m_\(g.pad(g.int(0...999), 6))_0/part-\(g.pad(g.int(0...999), 5)). blk_\(g.blk())"
            },
            Template("verified", 5) { g in "Verification succeeded for blk_\(g.blk())" },
            Template("deleting", 4) { g in "Deleting block blk_\(g.blk()) file /mnt/hadoop/dfs/data/current/subdir\(g.int(0...63))/blk_\(g.blk())" },
            Template("invalid", 4) { g in "BLOCK* NameSystem.delete: blk_\(g.blk()) is added to invalidSet of \(g.ip()):50010" },
            Template("served", 3) { g in "\(g.ip()):50010 Served block blk_\(g.blk()) to /\(g.ip())" },
            Template("serving", 2) { g in "\(g.ip()):50010:Got exception while serving blk_\(g.blk()) to /\(g.ip()):" },
            Template("write", 1) { g in "writeBlock blk_\(g.blk()) received exception java.io.IOException: Could not read from stream" },
            Template("interrupted", 1) { g in
                "PacketResponder blk_\(g.blk()) \(g.int(0...2)) Exception java.io.InterruptedIOException: Interruped while waiting for IO on channel java.nio.channels.SocketChannel[connected local=/\(g.ip()):\(g.port()) remote=/\(g.ip()):50010]. \(g.int(1000...60000)) millis timeout left."
            },
            Template("replicate", 1) { g in "BLOCK* ask \(g.ip()):50010 to replicate blk_\(g.blk()) to datanode(s) \(g.ip()):50010" },
            Template("transfer", 1) { g in "Starting thread to transfer block blk_\(g.blk()) to \(g.ip()):50010" },
            Template("redundant", 1) { g in
                "BLOCK* NameSystem.addStoredBlock: Redundant addStoredBlock request received for blk_\(g.blk()) on \(g.ip()):50010 size \(g.int(1000...67_108_864))"
            },
        ])

    static let hadoop = Source(
        name: "Hadoop",
        templates: [
            Template("attempt-transition", 14) { g in "\(g.attempt()) TaskAttempt Transitioned from \(g.word(Generator.states)) to \(g.word(Generator.states))"
            },
            Template("task-transition", 8) { g in "\(g.task()) Task Transitioned from \(g.word(Generator.states)) to \(g.word(Generator.states))" },
            Template("retrying", 10) { g in
                "Retrying connect to server: msra-sa-41:\(g.pick([8030, 9000])). Already tried \(g.int(0...9)) time(s); retry policy is RetryUpToMaximumCountWithFixedSleep(maxRetries=10, sleepTime=1000 MILLISECONDS)"
            },
            Template("address", 3) { g in "Address change detected. Old: msra-sa-41/\(g.ip()):9000 New: msra-sa-41:9000" },
            Template("assigned", 8) { g in "Assigned container \(g.container()) to \(g.attempt())" },
            Template("using", 6) { g in
                "TaskAttempt: [\(g.attempt())] using containerId: [\(g.container()) on NM: [MININT-\(g.hex(7).uppercased()).fareast.corp.microsoft.com:\(g.port())]"
            },
            Template("progress", 12) { g in "Progress of TaskAttempt \(g.attempt()) is : \(g.decimal(0...1, 7))" },
            Template("completed", 4) { g in "Num completed Tasks: \(g.int(1...40))" },
            Template("scheduling", 6) { g in
                "After Scheduling: PendingReds:\(g.int(0...9)) ScheduledMaps:\(g.int(0...9)) ScheduledReds:\(g.int(0...9)) AssignedMaps:\(g.int(0...9)) AssignedReds:\(g.int(0...9)) CompletedMaps:\(g.int(0...9)) CompletedReds:\(g.int(0...9)) ContainersAllocated:\(g.int(0...9)) ContainersCompleted:\(g.int(0...9)) HostLocal:\(g.int(0...9)) RackLocal:\(g.int(0...9))"
            },
            Template("received-container", 4) { g in "Received completed container \(g.container())" },
            Template("diagnostics", 3) { g in "Diagnostics report from \(g.attempt()): Container killed by the ApplicationMaster." },
            Template("event", 6) { g in
                "Processing the event EventType: \(g.word(["CONTAINER_REMOTE_LAUNCH", "CONTAINER_REMOTE_CLEANUP"])) for container \(g.container()) taskAttempt \(g.attempt())"
            },
            Template("shuffle", 3) { g in "Shuffle port returned by ContainerManager for \(g.attempt()) : 13562" },
            Template("rm", 2) { _ in "ERROR IN CONTACTING RM." },
            Template("headroom", 5) { g in "Recalculating schedule, headroom=<memory:\(g.int(0...9000)), vCores:\(g.int(-3...8))>" },
            Template("slow-start", 2) { g in "Reduce slow start threshold not met. completedMapsForReduceSlowstart \(g.int(1...3))" },
            Template("writer", 1) { g in
                let job = "job_1445144423722_\(g.pad(g.int(1...30), 4))"
                return "Event Writer setup for JobId: \(job), File: hdfs://msra-sa-41:9000/tmp/hadoop-yarn/staging/\(g.user())/.staging/\(job)/\(job)_1.jhist"
            },
        ])

    static let spark = Source(
        name: "Spark",
        templates: [
            Template("running", 14) { g in "Running task \(g.decimal(0...40, 1)) in stage \(g.decimal(0...30, 1)) (TID \(g.int(0...2000)))" },
            Template("finished", 14) { g in
                "Finished task \(g.decimal(0...40, 1)) in stage \(g.decimal(0...30, 1)) (TID \(g.int(0...2000))). \(g.int(900...3000)) bytes result sent to driver"
            },
            Template("rdd-stored", 8) { g in
                "Block rdd_\(g.int(0...40))_\(g.int(0...40)) stored as values in memory (estimated size \(g.decimal(1...900, 1)) \(g.word(["B,", "KB,", "MB,"])) free \(g.decimal(1...900, 1)) \(g.word(["KB)", "MB)", "GB)"]))"
            },
            Template("found", 10) { g in "Found block rdd_\(g.int(0...40))_\(g.int(0...40)) locally" },
            Template("partition", 6) { g in "Partition rdd_\(g.int(0...40))_\(g.int(0...40)) not found, computing it" },
            Template("reading", 6) { g in "Started reading broadcast variable \(g.int(0...40))" },
            Template("took", 6) { g in "Reading broadcast variable \(g.int(0...40)) took \(g.int(1...90)) ms" },
            Template("broadcast-stored", 6) { g in
                "Block broadcast_\(g.int(0...40))_piece0 stored as bytes in memory (estimated size \(g.decimal(1...30, 1)) KB, free \(g.decimal(1...900, 1)) \(g.word(["KB)", "MB)"]))"
            },
            Template("assigned", 10) { g in "Got assigned task \(g.int(0...2000))" },
            Template("acls-view", 1) { g in "Changing view acls to: \(g.user()),\(g.user())" },
            Template("acls-modify", 1) { g in "Changing modify acls to: \(g.user()),\(g.user())" },
            Template("signals", 1) { _ in "Registered signal handlers for [TERM, HUP, INT]" },
            Template("service", 2) { g in
                "Successfully started service '\(g.word(["org.apache.spark.network.netty.NettyBlockTransferService", "sparkExecutorActorSystem"]))' on port \(g.port())."
            },
            Template("split", 4) { g in
                "Input split: hdfs://10.10.34.11:9000/pjhe/test/\(g.int(1...9))/part-\(g.pad(g.int(0...999), 5)):\(g.int(0...9) * 67_108_864)+67108864"
            },
            Template("memory-store", 1) { g in "MemoryStore started with capacity \(g.decimal(1...20, 1)) GB" },
            Template("connecting", 1) { g in "Connecting to driver: spark://CoarseGrainedScheduler@\(g.ip()):\(g.port())" },
            Template("kill", 2) { g in "Executor is trying to kill task \(g.decimal(0...40, 1)) in stage \(g.decimal(0...30, 1)) (TID \(g.int(0...2000)))" },
        ])

    static let zookeeper = Source(
        name: "Zookeeper",
        templates: [
            Template("accepted", 14) { g in "Accepted socket connection from /\(g.ip()):\(g.port())" },
            Template("establish", 10) { g in "Client attempting to establish new session at /\(g.ip()):\(g.port())" },
            Template("established", 10) { g in
                "Established session 0x\(g.hex(15)) with negotiated timeout \(g.pick([10000, 20000, 40000])) for client /\(g.ip()):\(g.port())"
            },
            Template("closed-session", 12) { g in "Closed socket connection for client /\(g.ip()):\(g.port()) which had sessionid 0x\(g.hex(15))" },
            Template("closed-none", 6) { g in "Closed socket connection for client /\(g.ip()):\(g.port()) (no session established for client)" },
            Template("expiring", 5) { g in "Expiring session 0x\(g.hex(15)), timeout of \(g.pick([10000, 20000, 40000]))ms exceeded" },
            Template("terminated", 5) { g in "Processed session termination for sessionid: 0x\(g.hex(15))" },
            Template("broken", 4) { g in "Connection broken for id \(g.int(1...5)), my id = \(g.int(1...5)), error =" },
            Template("interrupted", 3) { _ in "Interrupted while waiting for message on queue" },
            Template("leaving", 3) { _ in "Send worker leaving thread" },
            Template("notification", 8) { g in
                let states = ["LOOKING", "FOLLOWING", "LEADING"]
                return
                    "Notification: \(g.int(1...5)) (n.leader), 0x\(g.hex(9)) (n.zxid), 0x\(g.int(1...9)) (n.round), \(g.word(states)) (n.state), \(g.int(1...5)) (n.sid), 0x\(g.int(0...9)) (n.peerEPoch), \(g.word(states)) (my state)"
            },
            Template("channel", 4) { g in "Cannot open channel to \(g.int(1...5)) at election address /\(g.ip()):3888" },
            Template("eos", 3) { _ in "caught end of stream exception" },
            Template("close-exception", 3) { g in "Exception causing close of session 0x\(g.hex(15)) due to java.io.IOException: ZooKeeperServer not running" },
            Template("keeper", 3) { g in
                let path = g.word(["/hbase/rs", "/hbase/splitlog", "/hbase/table", "/brokers/ids", "/config/topics"])
                return
                    "Got user-level KeeperException when processing sessionid:0x\(g.hex(15)) type:create cxid:0x\(g.hex(2)) zxid:0x\(g.hex(9)) txntype:-1 reqpath:n/a Error Path:\(path) Error:KeeperErrorCode = NodeExists for \(path)"
            },
            Template("following", 1) { g in "FOLLOWING - LEADER ELECTION TOOK - \(g.int(20...900))" },
            Template("leading", 1) { g in "LEADING - LEADER ELECTION TOOK - \(g.int(20...900))" },
        ])

    static let openstack = Source(
        name: "OpenStack",
        templates: [
            Template("get", 24) { g in
                "\(g.ip()) \"GET /v2/\(g.hex(32))/servers/detail HTTP/1.1\" status: 200 len: \(g.int(1500...2000)) time: \(g.decimal(0...1, 7))"
            },
            Template("post", 6) { g in
                "\(g.ip()) \"POST /v2/\(g.hex(32))/os-server-external-events HTTP/1.1\" status: 200 len: \(g.int(300...400)) time: \(g.decimal(0...1, 7))"
            },
            Template("delete", 3) { g in
                "\(g.ip()) \"DELETE /v2/\(g.hex(32))/servers/\(g.uuid()) HTTP/1.1\" status: 204 len: \(g.int(200...300)) time: \(g.decimal(0...1, 7))"
            },
            Template("lifecycle", 10) { g in "[instance: \(g.uuid())] VM \(g.word(["Started", "Stopped", "Paused", "Resumed"])) (Lifecycle Event)" },
            Template("spawned", 3) { g in "[instance: \(g.uuid())] Instance spawned successfully." },
            Template("took-spawn", 3) { g in "[instance: \(g.uuid())] Took \(g.decimal(10...30, 2)) seconds to spawn the instance on the hypervisor." },
            Template("took-build", 3) { g in "[instance: \(g.uuid())] Took \(g.decimal(10...30, 2)) seconds to build instance." },
            Template("terminating", 3) { g in "[instance: \(g.uuid())] Terminating instance" },
            Template("deleting", 3) { g in "[instance: \(g.uuid())] Deleting instance files /var/lib/nova/instances/\(g.uuid())_del" },
            Template("deletion", 3) { g in "[instance: \(g.uuid())] Deletion of /var/lib/nova/instances/\(g.uuid())_del complete" },
            Template("claim", 3) { g in
                "[instance: \(g.uuid())] Attempting claim: memory \(g.pick([512, 2048, 4096])) MB, disk \(g.pick([1, 20, 40])) GB, vcpus \(g.int(1...8)) CPU"
            },
            Template("claimed", 3) { g in "[instance: \(g.uuid())] Claim successful" },
            Template("image", 6) { g in "image \(g.uuid()) at (/var/lib/nova/instances/_base/\(g.hex(40))): checking" },
            Template("base", 4) { g in "Active base files: /var/lib/nova/instances/_base/\(g.hex(40))" },
            Template("audit", 2) { g in
                "Running instance usage audit for host cp-\(g.int(1...9)).slowvm1.tcloud-pg0.utah.cloudlab.us from 2017-05-16 \(g.clock()) to 2017-05-16 \(g.clock()). \(g.int(0...9)) instances."
            },
            Template("vcpus", 4) { g in "Total usable vcpus: \(g.int(8...32)), total allocated vcpus: \(g.int(0...16))" },
            Template("resource-view", 4) { g in
                "Final resource view: name=cp-\(g.int(1...9)).slowvm1.tcloud-pg0.utah.cloudlab.us phys_ram=\(g.int(30000...64000))MB used_ram=\(g.int(512...9000))MB phys_disk=\(g.int(10...60))GB used_disk=\(g.int(0...40))GB total_vcpus=\(g.int(8...32)) used_vcpus=\(g.int(0...16)) pci_stats=[]"
            },
        ])

    static let bgl = Source(
        name: "BGL",
        templates: [
            Template("icache", 10) { _ in "instruction cache parity error corrected" },
            Template("core", 8) { g in "generating core.\(g.int(1...9999))" },
            Template("tlb", 6) { _ in "data TLB error interrupt" },
            Template("ce-sym", 10) { g in "CE sym \(g.int(0...31)), at 0x\(g.hex(8)), mask 0x\(g.hex(2))" },
            Template("ddr-total", 6) { g in "total of \(g.int(1...40)) ddr error(s) detected and corrected" },
            Template("ciod-prefix", 6) { g in "ciod: failed to read message prefix on control stream (CioStream socket to \(g.ip()):\(g.port())" },
            Template("ciod-load", 4) { g in
                "ciod: Error loading /bgl/apps/\(g.word(["scaletest", "mpi", "linpack", "dsearch"]))/\(g.word(["run", "driver", "solver"])): invalid or missing program image, Exec format error"
            },
            Template("chdir", 4) { g in "ciod: LOGIN chdir(/home/\(g.user())/\(g.word(["run", "work", "scratch"]))) failed: No such file or directory" },
            Template("alignment", 5) { g in "\(g.int(1...900)) double-hummer alignment exceptions" },
            Template("machine-check", 3) { g in "machine check interrupt (bit=0x\(g.hex(2))): L2 dcache unit data parity error" },
            Template("panic", 2) { _ in "rts panic! - stopping execution" },
            Template("assert", 2) { g in
                "idoproxydb hit ASSERT condition: ASSERT expression=0 Source file=idotransportmgr.cpp Source line=\(g.int(100...2000)) Function=int IdoTransportMgr::SendPacket(IdoUdpMgr*, BglCtlPavTrace*)"
            },
            Template("lustre", 3) { g in "Lustre mount FAILED : bglio\(g.int(1...64)) : block_id : location" },
            Template("iar", 4) { g in "iar 0x\(g.hex(8)) dear 0x\(g.hex(8))" },
            Template("registers", 4) { g in
                "r\(g.pad(g.int(0...31), 2))=0x\(g.hex(8)) r\(g.pad(g.int(0...31), 2))=0x\(g.hex(8)) r\(g.pad(g.int(0...31), 2))=0x\(g.hex(8))"
            },
            Template("steering", 3) { g in "ddr: activating redundant bit steering: rank=\(g.int(0...1)) symbol=\(g.int(0...31))" },
            Template("kernel-rts", 2) { g in "rts: kernel terminated for reason \(g.int(1000...1005))" },
            Template("node-card", 2) { g in "NodeCard temperature sensor chip U\(g.int(10...99)) is not accessible" },
        ])

    static let hpc = Source(
        name: "HPC",
        templates: [
            Template("state-change", 10) { g in
                "Component State Change: Component \\042SCSI-WWID:\(g.hex(8)):\(g.hex(4))-\(g.hex(4))\\042 is in the \(g.word(["unavailable", "available"])) state (HWID=\(g.int(1000...9999)))"
            },
            Template("completed", 8) { _ in "Command has completed successfully" },
            Template("no-server", 8) { g in "ClusterFileSystem: There is no server for ServerFileSystem domain storage\(g.int(100...999))" },
            Template("temperature", 6) { g in "Temperature (\(g.int(30...80))C) exceeds warning threshold" },
            Template("psu", 4) { g in "PSU status ( \(g.word(["on", "off"])) \(g.word(["on", "off"])) )" },
            Template("fans", 6) { g in
                "Fan speeds ( \(g.int(3000...4800)) \(g.int(3000...4800)) \(g.int(3000...4800)) \(g.int(3000...4800)) \(g.int(3000...4800)) \(g.int(3000...4800)) )"
            },
            Template("command-failed", 5) { g in "\(g.word(["risBoot", "boot", "halt", "reboot"])) command Failed" },
            Template("link-error", 6) { g in
                "Link error on broadcast tree Interconnect-\(g.int(0...3))T\(g.pad(g.int(0...99), 2)):\(g.pad(g.int(0...9), 2)):\(g.int(0...3)):\(g.int(0...9))"
            },
            Template("network", 5) { g in "Node node-\(g.int(1...255)) has detected an available network connection on network \(g.ip()) via interface alt0" },
            Template("nodesets", 3) { g in
                (0..<g.int(1...3)).map { _ in "node-\(g.int(1...255)) 0x\(g.hex(9)) <ok>" }.joined(separator: " ").withPrefix("inconsistent nodesets ")
            },
            Template("served", 4) { g in "ServerFileSystem domain storage\(g.int(100...999)) is no longer served by node-\(g.int(1...255))" },
            Template("psu-failure", 2) { g in "PSU failure ( ambient=\(g.int(20...40)) )" },
            Template("boot-error", 3) { g in "boot (command \(g.int(1000...9999))) Error: Could not establish connection" },
        ])

    static let linux = Source(
        name: "Linux",
        templates: [
            Template("auth-failure", 14) { g in
                "\(g.syslogHeader()) sshd(pam_unix)[\(g.int(1000...32000))]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=\(g.publicIP())"
            },
            Template("auth-failure-user", 8) { g in
                "\(g.syslogHeader()) sshd(pam_unix)[\(g.int(1000...32000))]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=\(g.publicIP())  user=\(g.user())"
            },
            Template("check-pass", 6) { g in "\(g.syslogHeader()) sshd(pam_unix)[\(g.int(1000...32000))]: check pass; user unknown" },
            Template("session-opened-su", 3) { g in
                "\(g.syslogHeader()) su(pam_unix)[\(g.int(1000...32000))]: session opened for user \(g.user()) by (uid=\(g.int(0...600)))"
            },
            Template("session-closed-su", 3) { g in "\(g.syslogHeader()) su(pam_unix)[\(g.int(1000...32000))]: session closed for user \(g.user())" },
            Template("session-opened-crond", 3) { g in
                "\(g.syslogHeader()) crond(pam_unix)[\(g.int(1000...32000))]: session opened for user \(g.user()) by (uid=\(g.int(0...600)))"
            },
            Template("session-closed-crond", 3) { g in "\(g.syslogHeader()) crond(pam_unix)[\(g.int(1000...32000))]: session closed for user \(g.user())" },
            Template("ftp-connection", 6) { g in
                let host = g.chance(50) ? "()" : "(\(g.int(1...254))-\(g.int(1...254)).adsl.proxad.net)"
                return
                    "\(g.syslogHeader()) ftpd[\(g.int(1000...32000))]: connection from \(g.publicIP()) \(host) at \(g.word(["Sun", "Mon", "Tue", "Wed"])) \(g.word(["Jun", "Jul"])) \(g.int(1...28)) \(g.clock()) 2005"
            },
            Template("logrotate", 3) { g in "\(g.syslogHeader()) logrotate: ALERT exited abnormally with [1]" },
            Template("memory", 1) { g in
                "\(g.syslogHeader()) kernel: Memory: \(g.int(100000...130000))k/\(g.int(100000...130000))k available (\(g.int(1000...2000))k kernel code, \(g.int(1000...9000))k reserved, \(g.int(100...900))k data, \(g.int(100...200))k init, 0k highmem)"
            },
            Template("startup", 3) { g in
                let daemon = g.word(["syslogd", "klogd", "irqbalance", "portmap", "cupsd", "xinetd", "sshd"])
                return "\(g.syslogHeader()) \(daemon): \(daemon) startup succeeded"
            },
            Template("audit", 1) { g in "\(g.syslogHeader()) kernel: audit(\(g.int(1_100_000_000...1_200_000_000)).\(g.digits(10)):0): initialized" },
            Template("xinetd", 4) { g in "\(g.syslogHeader()) xinetd[\(g.int(1000...32000))]: START: ftp pid=\(g.int(1000...32000)) from=\(g.publicIP())" },
            Template("cron", 4) { g in
                "\(g.syslogHeader()) crond[\(g.int(1000...32000))]: (root) CMD (run-parts /etc/cron.\(g.word(["hourly", "daily", "weekly"])))"
            },
            Template("kerberos", 2) { g in "\(g.syslogHeader()) sshd(pam_unix)[\(g.int(1000...32000))]: Kerberos authentication failed" },
        ])

    static let openssh = Source(
        name: "OpenSSH",
        templates: [
            Template("reverse", 8) { g in
                let host =
                    g.chance(60) ? "\(g.int(1...254))-\(g.int(1...254))-\(g.int(1...254)).static.example.net" : g.word(["mail.example.org", "ns.hosting.com"])
                return "reverse mapping checking getaddrinfo for \(host) [\(g.publicIP())] failed - POSSIBLE BREAK-IN ATTEMPT!"
            },
            Template("invalid", 8) { g in "Invalid user \(g.user()) from \(g.publicIP())" },
            Template("input-invalid", 8) { g in "input_userauth_request: invalid user \(g.user()) [preauth]" },
            Template("check-pass", 6) { _ in "pam_unix(sshd:auth): check pass; user unknown" },
            Template("auth-failure", 10) { g in "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=\(g.publicIP())" },
            Template("auth-failure-user", 8) { g in
                "pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=\(g.publicIP())  user=\(g.user())"
            },
            Template("failed-invalid", 10) { g in "Failed password for invalid user \(g.user()) from \(g.publicIP()) port \(g.port()) ssh2" },
            Template("failed", 12) { g in "Failed password for \(g.user()) from \(g.publicIP()) port \(g.port()) ssh2" },
            Template("bye", 8) { g in "Received disconnect from \(g.publicIP()): 11: Bye Bye [preauth]" },
            Template("closed", 6) { g in "Connection closed by \(g.publicIP()) [preauth]" },
            Template("pam-more", 4) { g in
                "PAM \(g.int(1...5)) more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= rhost=\(g.publicIP())  user=\(g.user())"
            },
            Template("identification", 3) { g in "Did not receive identification string from \(g.publicIP())" },
            Template("accepted", 3) { g in "Accepted password for \(g.user()) from \(g.publicIP()) port \(g.port()) ssh2" },
            Template("opened", 2) { g in "pam_unix(sshd:session): session opened for user \(g.user()) by (uid=0)" },
            Template("session-closed", 2) { g in "pam_unix(sshd:session): session closed for user \(g.user())" },
            Template("too-many", 2) { g in "Disconnecting: Too many authentication failures for \(g.user()) [preauth]" },
            Template("repeated", 2) { g in
                "message repeated \(g.int(2...5)) times: [ Failed password for \(g.user()) from \(g.publicIP()) port \(g.port()) ssh2]"
            },
        ])

    static let windows = Source(
        name: "Windows",
        templates: [
            Template("loaded", 6) { g in
                let version = "6.1.7601.\(g.int(17000...24000))"
                return
                    "Loaded Servicing Stack v\(version) with Core: C:\\Windows\\winsxs\\amd64_microsoft-windows-servicingstack_31bf3856ad364e35_\(version)_none_\(g.hex(16))\\cbscore.dll"
            },
            Template("sqm-init", 6) { _ in "SQM: Initializing online with Windows opt-in: False" },
            Template("sqm-cleaning", 6) { _ in "SQM: Cleaning up report files older than 10 days." },
            Template("sqm-requesting", 6) { _ in "SQM: Requesting upload of all unsent reports." },
            Template("sqm-failed-start", 6) { _ in
                "SQM: Failed to start upload with file pattern: C:\\Windows\\servicing\\sqm\\*_std.sqm, flags: 0x2 [HRESULT = 0x80004005 - E_FAIL]"
            },
            Template("sqm-failed-standard", 5) { _ in "SQM: Failed to start standard sample upload. [HRESULT = 0x80004005 - E_FAIL]" },
            Template("sqm-queued", 5) { g in "SQM: Queued \(g.int(0...3)) file(s) for upload with pattern: C:\\Windows\\servicing\\sqm\\*_all.sqm, flags: 0x6"
            },
            Template("sqm-warning", 5) { _ in "SQM: Warning: Failed to upload all unsent reports. [HRESULT = 0x80004005 - E_FAIL]" },
            Template("session-init", 8) { g in "Session: \(g.digits(8))_\(g.digits(10)) initialized by client WindowsUpdateAgent." },
            Template("session-final", 4) { g in "Session: \(g.digits(8))_\(g.digits(10)) finalized. Reboot required: no [HRESULT = 0x00000000 - S_OK]" },
            Template("applicability", 14) { g in
                "Read out cached package applicability for package: Package_for_KB\(g.int(2_000_000...3_200_000))~31bf3856ad364e35~amd64~~6.1.\(g.int(1...4)).\(g.int(0...9)), ApplicableState: \(g.pick([0, 80, 112])), CurrentState:\(g.pick([0, 80, 112]))"
            },
            Template("unrecognized", 8) { _ in "Warning: Unrecognized packageExtended attribute." },
            Template("expecting", 5) { _ in "Expecting attribute name [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]" },
            Template("next-element", 5) { _ in "Failed to get next element [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]" },
            Template("ti-start", 3) { _ in "Starting TrustedInstaller initialization." },
            Template("ti-end", 3) { _ in "Ending TrustedInstaller initialization." },
            Template("ti-loop", 2) { _ in "Starting the TrustedInstaller main loop." },
            Template("ti-service", 2) { _ in "TrustedInstaller service starts successfully." },
            Template("open-package", 3) { _ in "Failed to internally open package. [HRESULT = 0x800f0805 - CBS_E_INVALID_PACKAGE]" },
        ])

    static let android = Source(
        name: "Android",
        templates: [
            Template("acquire", 12) { g in
                "\(g.logcatHeader("D")) PowerManagerService: acquire lock=\(g.digits(9)), flags=0x\(g.int(1...9)), tag=\"\(g.word(["View Lock", "WindowManager", "*alarm*", "RILJ_ACK_WL", "NlpWakeLock"]))\", name=\(g.word(["com.android.systemui", "android", "com.android.phone", "com.google.android.gms"])), ws=null, uid=\(g.int(1000...10100)), pid=\(g.int(1000...9000))"
            },
            Template("release", 12) { g in
                "\(g.logcatHeader("D")) PowerManagerService: release lock=\(g.digits(9)), flags=0x\(g.int(1...9)), total_time=\(g.int(1...9000))ms"
            },
            Template("skipping", 8) { g in
                "\(g.logcatHeader("V")) WindowManager: Skipping AppWindowToken{\(g.hex(7)) token=Token{\(g.hex(7)) ActivityRecord{\(g.hex(7)) u0 \(g.word(["com.tencent.qt.qtl", "com.android.settings"]))/.\(g.word(["MainActivity", "activity.NewsDetailActivity", "Settings"])) t\(g.int(100...999))}}} -- going to hide"
            },
            Template("start-proc", 4) { g in
                "\(g.logcatHeader("I")) ActivityManager: Start proc \(g.int(1000...30000)):\(g.word(["com.android.phone", "com.tencent.mm", "com.google.android.gms"]))/u0a\(g.int(10...200)) for service \(g.word(["com.tencent.mm", "com.android.phone"]))/.\(g.word(["PushService", "SyncService"]))"
            },
            Template("brightness", 6) { g in
                "\(g.logcatHeader("D")) DisplayPowerController: Animating brightness: target=\(g.int(0...255)), rate=\(g.decimal(0...200, 1))"
            },
            Template("unable", 3) { g in
                "\(g.logcatHeader("W")) ActivityManager: Unable to start service Intent { act=\(g.word(["com.google.android.c2dm.intent.REGISTER", "android.intent.action.SYNC"])) pkg=\(g.word(["com.google.android.gms", "com.android.vending"])) } U=0: not found"
            },
            Template("fatal", 1) { g in "\(g.logcatHeader("E")) AndroidRuntime: FATAL EXCEPTION: main" },
            Template("alarm-remove", 5) { g in
                "\(g.logcatHeader("V")) AlarmManager: remove PendingIntent] PendingIntent{\(g.hex(7)): PendingIntentRecord{\(g.hex(7)) \(g.word(["com.android.phone", "android", "com.tencent.mm"])) broadcastIntent}}"
            },
            Template("scan", 4) { g in "\(g.logcatHeader("D")) WifiStateMachine: setScanResults: count=\(g.int(1...40))" },
            Template("killing", 3) { g in
                "\(g.logcatHeader("I")) ActivityManager: Killing \(g.int(1000...30000)):\(g.word(["com.tencent.mm", "com.android.email"]))/u0a\(g.int(10...200)) (adj \(g.int(900...906))): empty #\(g.int(17...30))"
            },
            Template("screen-off", 2) { g in "\(g.logcatHeader("I")) PhoneStatusBar: onScreenTurnedOff mScreenOn=\(g.word(["true", "false"]))" },
            Template("screen-on", 2) { g in "\(g.logcatHeader("I")) PhoneStatusBar: onScreenTurnedOn mScreenOn=\(g.word(["true", "false"]))" },
        ])

    static let healthApp = Source(
        name: "HealthApp",
        templates: [
            Template("stand-step", 14) { g in "\(g.healthHeader("Step_LSC"))onStandStepChanged \(g.int(1000...9000))" },
            Template("extend", 10) { g in "\(g.healthHeader("Step_LSC"))onExtend:\(g.digits(13)) \(g.int(0...9)) \(g.int(0...9000)) \(g.int(0...9))" },
            Template("report", 6) { g in
                "\(g.healthHeader("Step_SPUtils"))REPORT : \(g.int(1000...9000)) \(g.int(100...900)) \(g.int(10000...99999)) \(g.int(100...999))"
            },
            Template("broadcast", 8) { g in
                "\(g.healthHeader("Step_StandReportReceiver"))processHandleBroadcastAction action:android.intent.action.\(g.word(["SCREEN_ON", "SCREEN_OFF", "TIME_TICK", "USER_PRESENT"]))"
            },
            Template("flush", 5) { g in "\(g.healthHeader("Step_ExtSDM"))flush sensor data" },
            Template("today-total", 5) { g in
                "\(g.healthHeader("Step_SPUtils"))getTodayTotalDetailSteps = \(g.digits(13))##\(g.int(100...9000))##\(g.int(100...900))##\(g.int(100...9000))##\(g.int(100...900))##\(g.digits(11))"
            },
            Template("on-receive", 6) { g in
                "\(g.healthHeader("Step_StandReportReceiver"))onReceive action: android.intent.action.\(g.word(["SCREEN_ON", "SCREEN_OFF", "TIME_TICK"]))"
            },
            Template("calories", 5) { g in "\(g.healthHeader("Step_ExtSDM"))calculateCaloriesWithCache totalCalories=\(g.int(100_000...200_000))" },
            Template("altitude", 5) { g in "\(g.healthHeader("Step_ExtSDM"))calculateAltitudeWithCache totalAltitude=\(g.int(0...300))" },
            Template("screen-unknown", 2) { g in "\(g.healthHeader("Step_ScreenUtil"))screen status unknown,think screen on" },
            Template("listener", 3) { g in
                "\(g.healthHeader("Step_LSC"))registerSensorListener mSensorType = \(g.int(1...30)) isListenSensor = \(g.word(["true", "false"]))"
            },
        ])

    static let apache = Source(
        name: "Apache",
        templates: [
            Template("init-ok", 16) { g in "\(g.apacheHeader()) [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties" },
            Template("error-state", 16) { g in "\(g.apacheHeader()) [error] mod_jk child workerEnv in error state \(g.int(6...9))" },
            Template("found-child", 20) { g in "\(g.apacheHeader()) [notice] jk2_init() Found child \(g.int(1000...9000)) in scoreboard slot \(g.int(6...10))"
            },
            Template("forbidden", 6) { g in "\(g.apacheHeader()) [error] [client \(g.publicIP())] Directory index forbidden by rule: /var/www/html/" },
            Template("cant-find", 4) { g in "\(g.apacheHeader()) [error] jk2_init() Can't find child \(g.int(1000...9000)) in scoreboard" },
            Template("child-init", 4) { g in "\(g.apacheHeader()) [error] mod_jk child init \(g.int(1...2)) -\(g.int(1...2))" },
            Template("not-exist", 6) { g in
                "\(g.apacheHeader()) [error] [client \(g.publicIP())] File does not exist: /var/www/html/\(g.word(["favicon.ico", "robots.txt", "scripts", "admin", "phpmyadmin"]))"
            },
            Template("resuming", 1) { g in "\(g.apacheHeader()) [notice] Apache/2.0.49 (Fedora) configured -- resuming normal operations" },
            Template("caught", 1) { g in "\(g.apacheHeader()) [notice] caught SIGTERM, shutting down" },
        ])

    static let proxifier = Source(
        name: "Proxifier",
        templates: [
            Template("open", 20) { g in "\(g.proxifierHeader()) \(g.program()) - \(g.remote()) open through proxy \(g.proxy()) HTTPS" },
            Template("open64", 4) { g in "\(g.proxifierHeader()) \(g.program()) *64 - \(g.remote()) open through proxy \(g.proxy()) HTTPS" },
            Template("close", 12) { g in
                "\(g.proxifierHeader()) \(g.program()) - \(g.remote()) close, \(g.int(0...1023)) bytes sent, \(g.int(0...1023)) bytes received, lifetime \(g.lifetime())"
            },
            Template("close-instant", 8) { g in
                "\(g.proxifierHeader()) \(g.program()) - \(g.remote()) close, \(g.int(0...1023)) bytes sent, \(g.int(0...1023)) bytes received, lifetime <1 sec"
            },
            Template("close-kb-received", 10) { g in
                "\(g.proxifierHeader()) \(g.program()) - \(g.remote()) close, \(g.int(0...1023)) bytes sent, \(g.int(1024...999_999)) bytes (\(g.decimal(1...900, 2)) \(g.word(["KB)", "MB)"])) received, lifetime \(g.lifetime())"
            },
            Template("close-kb", 10) { g in
                "\(g.proxifierHeader()) \(g.program()) - \(g.remote()) close, \(g.int(1024...99999)) bytes (\(g.decimal(1...90, 2)) KB) sent, \(g.int(1024...999_999)) bytes (\(g.decimal(1...900, 2)) \(g.word(["KB)", "MB)"])) received, lifetime \(g.lifetime())"
            },
            Template("error-proxy", 4) { g in
                "\(g.proxifierHeader()) \(g.program()) - \(g.remote()) error : Could not connect through proxy \(g.proxy()) - Proxy server cannot establish a connection with the target, status code \(g.pick([403, 502, 503]))"
            },
            Template("error-canceled", 4) { g in
                "\(g.proxifierHeader()) \(g.program()) - \(g.remote()) error : A connection request was canceled before the completion."
            },
            Template("directly", 3) { g in "\(g.proxifierHeader()) \(g.program()) - \(g.remote()) open directly" },
        ])

    static let lambda = Source(
        name: "Lambda",
        templates: [
            Template("start", 14) { g in "START RequestId: \(g.uuid()) Version: \(g.chance(80) ? "$LATEST" : String(g.int(1...40)))" },
            Template("end", 14) { g in "END RequestId: \(g.uuid())" },
            Template("report", 11) { g in
                "REPORT RequestId: \(g.uuid())\tDuration: \(g.decimal(1...3000, 2)) ms\tBilled Duration: \(g.int(1...3000)) ms\tMemory Size: \(g.pick([128, 256, 512])) MB\tMax Memory Used: \(g.int(60...200)) MB\t"
            },
            Template("report-init", 3) { g in
                "REPORT RequestId: \(g.uuid())\tDuration: \(g.decimal(1...3000, 2)) ms\tBilled Duration: \(g.int(1...3000)) ms\tMemory Size: \(g.pick([128, 256, 512])) MB\tMax Memory Used: \(g.int(60...200)) MB\tInit Duration: \(g.decimal(100...900, 2)) ms\t"
            },
            Template("init-start", 3) { g in
                "INIT_START Runtime Version: python:3.12.v\(g.int(10...40))\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:\(g.hex(64))"
            },
            Template("processing", 12) { g in "\(g.iso())\t\(g.uuid())\tINFO\tProcessing order ord-\(g.digits(6)) for customer \(g.user())" },
            Template("declined", 5) { g in
                "\(g.iso())\t\(g.uuid())\tERROR\tPayment declined for order ord-\(g.digits(6)): \(g.word(["card_declined", "insufficient_funds", "expired_card"]))"
            },
            Template("timeout", 4) { g in "[ERROR] \(g.iso()) \(g.uuid()) Database connection timeout after \(g.pick([3000, 5000])) ms" },
            Template("retrying", 4) { g in
                "\(g.iso())\t\(g.uuid())\tWARN\tRetrying request to \(g.word(["payments.internal", "inventory.internal", "api.stripe.com"])) (attempt \(g.int(1...3)) of 3)"
            },
            Template("published", 6) { g in
                "\(g.iso())\t\(g.uuid())\tINFO\tPublished event \(g.word(["OrderCreated", "OrderShipped", "OrderCancelled"])) to bus \(g.word(["orders-bus", "default"]))"
            },
            Template("task-timeout", 2) { g in "\(g.iso()) \(g.uuid()) Task timed out after \(g.decimal(3...30, 2)) seconds" },
            Template("low-time", 2) { g in "[WARNING] \(g.iso()) \(g.uuid()) Low remaining time: \(g.int(10...900)) ms" },
            Template("invoke-error", 2) { g in
                "\(g.iso())\t\(g.uuid())\tERROR\tInvoke Error \t{\"errorType\":\"TimeoutError\",\"errorMessage\":\"Connection timed out after \(g.pick([3000, 5000])) ms\",\"stack\":[\"TimeoutError: Connection timed out\",\"    at Socket.<anonymous> (/var/task/db.js:\(g.int(10...99)):\(g.int(1...40)))\"]}"
            },
        ])

    static let jsonApp = Source(
        name: "JSON",
        templates: [
            Template("created", 14) { g in
                "{\"timestamp\":\"\(g.iso())\",\"level\":\"INFO\",\"logger\":\"orders.api\",\"message\":\"Order created\",\"order_id\":\"ord-\(g.digits(6))\",\"customer\":\"\(g.user())\",\"amount\":\(g.decimal(1...900, 2))}"
            },
            Template("declined", 6) { g in
                "{\"timestamp\":\"\(g.iso())\",\"level\":\"WARN\",\"logger\":\"payments\",\"message\":\"Payment declined\",\"order_id\":\"ord-\(g.digits(6))\",\"reason\":\"\(g.word(["card_declined", "insufficient_funds"]))\"}"
            },
            Template("db-timeout", 5) { g in
                "{\"timestamp\":\"\(g.iso())\",\"level\":\"ERROR\",\"logger\":\"orders.db\",\"message\":\"Database connection timeout\",\"host\":\"orders-db.\(g.hex(12)).us-east-1.rds.amazonaws.com\",\"timeout_ms\":\(g.pick([3000, 5000]))}"
            },
            Template("completed", 16) { g in
                "{\"timestamp\":\"\(g.iso())\",\"level\":\"INFO\",\"logger\":\"http\",\"message\":\"Request completed\",\"method\":\"\(g.word(["GET", "POST"]))\",\"path\":\"/api/orders/\(g.digits(5))\",\"status\":\(g.pick([200, 201, 404])),\"duration_ms\":\(g.int(1...900))}"
            },
            Template("cache-miss", 8) { g in
                "{\"timestamp\":\"\(g.iso())\",\"level\":\"DEBUG\",\"logger\":\"cache\",\"message\":\"Cache miss\",\"key\":\"\(g.word(["user", "order", "cart"])):\(g.digits(5))\"}"
            },
            Template("login", 6) { g in
                "{\"timestamp\": \"\(g.iso())\", \"level\": \"info\", \"msg\": \"User logged in\", \"user\": \"\(g.user())@example.com\", \"ip\": \"\(g.publicIP())\"}"
            },
            Template("login-failed", 4) { g in
                "{\"timestamp\": \"\(g.iso())\", \"level\": \"warn\", \"msg\": \"Login failed for user\", \"user\": \"\(g.user())@example.com\", \"attempts\": \(g.int(1...5))}"
            },
            Template("pino", 8) { g in
                "{\"level\":30,\"time\":\(g.digits(13)),\"pid\":\(g.int(1...90)),\"hostname\":\"ip-10-0-\(g.int(1...9))-\(g.int(1...250))\",\"req\":{\"method\":\"\(g.word(["GET", "PUT"]))\",\"url\":\"/v1/carts/\(g.uuid())\"},\"msg\":\"request completed\"}"
            },
            Template("pino-error", 3) { g in
                "{\"level\":50,\"time\":\(g.digits(13)),\"pid\":\(g.int(1...90)),\"hostname\":\"ip-10-0-\(g.int(1...9))-\(g.int(1...250))\",\"err\":{\"type\":\"Error\",\"message\":\"connect ECONNREFUSED \(g.ip()):6379\"},\"msg\":\"redis connection lost\"}"
            },
        ])

    static let logfmtApp = Source(
        name: "logfmt",
        templates: [
            Template("request", 16) { g in
                "time=\"\(g.iso())\" level=info msg=\"request completed\" method=\(g.word(["GET", "POST", "PUT"])) path=/api/v1/items/\(g.digits(4)) status=\(g.pick([200, 201, 204])) duration=\(g.int(1...900))ms"
            },
            Template("slow", 4) { g in
                "time=\"\(g.iso())\" level=warn msg=\"slow query\" table=\(g.word(["orders", "items", "users"])) duration=\(g.decimal(1...9, 3))s rows=\(g.int(1...9000))"
            },
            Template("conn-error", 4) { g in
                "time=\"\(g.iso())\" level=error msg=\"failed to connect to upstream\" upstream=\(g.word(["inventory", "billing"])) error=\"dial tcp \(g.ip()):\(g.port()): connect: connection refused\""
            },
            Template("started", 2) { g in
                "time=\"\(g.iso())\" level=info msg=\"server started\" addr=:\(g.pick([8080, 9090])) version=v1.\(g.int(0...9)).\(g.int(0...20))"
            },
            Template("worker", 8) { g in
                "time=\"\(g.iso())\" level=debug msg=\"job processed\" queue=\(g.word(["emails", "thumbnails", "exports"])) job_id=\(g.uuid()) attempts=\(g.int(1...3)) user=\"\(g.user())\""
            },
            Template("shutdown", 1) { g in "time=\"\(g.iso())\" level=info msg=\"shutting down\" signal=\(g.word(["SIGTERM", "SIGINT"]))" },
        ])

    static let java = Source(
        name: "Java",
        templates: [
            Template("frame", 30) { g in
                let frames = [
                    "com.example.orders.OrderService.placeOrder(OrderService.java", "com.example.orders.OrderController.create(OrderController.java",
                    "org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java",
                    "org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java",
                    "com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java", "java.base/java.lang.Thread.run(Thread.java",
                ]
                return "\tat \(g.word(frames)):\(g.int(20...900)))"
            },
            Template("native", 3) { g in
                "\tat \(g.word(["jdk.internal.reflect.NativeMethodAccessorImpl.invoke0", "sun.nio.ch.EPoll.wait", "java.net.SocketInputStream.socketRead0"]))(Native Method)"
            },
            Template("more", 6) { g in "\t... \(g.int(5...90)) more" },
            Template("caused-timeout", 3) { _ in "Caused by: java.net.SocketTimeoutException: Read timed out" },
            Template("caused-hikari", 3) { g in
                "Caused by: java.sql.SQLTransientConnectionException: HikariPool-\(g.int(1...3)) - Connection is not available, request timed out after \(g.pick([30000, 30001, 30004]))ms."
            },
            Template("thread", 3) { g in
                "Exception in thread \"\(g.word(["main", "pool-1-thread-3", "kafka-consumer"]))\" java.lang.IllegalStateException: Connection pool shut down"
            },
            Template("failed-order", 6) { g in
                "\(g.iso()) ERROR [http-nio-8080-exec-\(g.int(1...20))] c.e.o.OrderController - Failed to process order \(g.digits(6))"
            },
            Template("sql-error", 4) { g in
                "\(g.iso()) WARN  [http-nio-8080-exec-\(g.int(1...20))] o.h.e.j.s.SqlExceptionHelper - SQL Error: 0, SQLState: 08001"
            },
            Template("npe", 3) { g in
                "\(g.iso()) ERROR [http-nio-8080-exec-\(g.int(1...20))] c.e.o.OrderService - Unexpected error java.lang.NullPointerException: Cannot invoke \"com.example.orders.Customer.getId()\" because \"customer\" is null"
            },
            Template("started", 1) { g in
                "\(g.iso()) INFO  [main] c.e.o.Application - Started Application in \(g.decimal(3...30, 3)) seconds (process running for \(g.decimal(3...30, 3)))"
            },
        ])

    static let nginx = Source(
        name: "nginx",
        templates: [
            Template("get", 30) { g in
                "\(g.publicIP()) - - [\(g.nginxDate())] \"GET \(g.word(["/", "/api/orders", "/static/app.js", "/health"]))\(g.chance(50) ? "/\(g.digits(4))" : "") HTTP/1.1\" \(g.pick([200, 304, 404])) \(g.int(0...90000)) \"\(g.chance(50) ? "-" : "https://shop.example.com/")\" \"\(g.userAgent())\""
            },
            Template("post", 10) { g in
                "\(g.publicIP()) - - [\(g.nginxDate())] \"POST /api/orders HTTP/1.1\" \(g.pick([201, 400, 502])) \(g.int(0...900)) \"-\" \"\(g.userAgent())\""
            },
            Template("delete", 2) { g in
                "\(g.publicIP()) - - [\(g.nginxDate())] \"DELETE /api/orders/\(g.digits(5)) HTTP/1.1\" 204 0 \"-\" \"\(g.userAgent())\""
            },
            Template("refused", 4) { g in
                "2025/10/28 \(g.clock()) [error] \(g.int(10...99))#\(g.int(0...3)): *\(g.int(1...99999)) connect() failed (111: Connection refused) while connecting to upstream, client: \(g.publicIP()), server: shop.example.com, request: \"GET /api/orders HTTP/1.1\", upstream: \"http://127.0.0.1:\(g.pick([8080, 8081]))/api/orders\", host: \"shop.example.com\""
            },
            Template("timed-out", 3) { g in
                "2025/10/28 \(g.clock()) [error] \(g.int(10...99))#\(g.int(0...3)): *\(g.int(1...99999)) upstream timed out (110: Connection timed out) while reading response header from upstream, client: \(g.publicIP()), server: shop.example.com, request: \"POST /api/orders HTTP/1.1\", upstream: \"http://127.0.0.1:8080/api/orders\", host: \"shop.example.com\""
            },
            Template("buffered", 2) { g in
                "2025/10/28 \(g.clock()) [warn] \(g.int(10...99))#\(g.int(0...3)): *\(g.int(1...99999)) an upstream response is buffered to a temporary file /var/cache/nginx/proxy_temp/\(g.int(1...9))/\(g.int(10...99))/\(g.digits(10)) while reading upstream, client: \(g.publicIP()), server: shop.example.com, request: \"GET /static/app.js HTTP/1.1\", upstream: \"http://127.0.0.1:8080/static/app.js\", host: \"shop.example.com\""
            },
            Template("signal", 1) { g in "2025/10/28 \(g.clock()) [notice] \(g.int(10...99))#\(g.int(0...3)): signal process started" },
        ])

    static let mac = Source(
        name: "Mac",
        templates: [
            Template("tcpkeep", 10) { g in
                "\(g.macHeader()) kernel[0]: ARPT: \(g.decimal(600_000...700_000, 6)): wl0: wl_update_tcpkeep_seq: Original Seq: \(g.digits(10)), Ack: \(g.digits(10)), Win size: \(g.pick([4096, 65535]))"
            },
            Template("link-down", 4) { g in "\(g.macHeader()) kernel[0]: AirPort: Link Down on en0. Reason 8 (Disassociated because station leaving)." },
            Template("bssid", 4) { g in
                "\(g.macHeader()) kernel[0]: en0: BSSID changed to \(g.hex(2)):\(g.hex(2)):\(g.hex(2)):\(g.hex(2)):\(g.hex(2)):\(g.hex(2))"
            },
            Template("pressure", 6) { g in
                "\(g.macHeader()) com.apple.CDScheduler[\(g.int(40...90))]: Thermal pressure state: \(g.int(0...1)) Memory pressure state: \(g.int(0...1))"
            },
            Template("qq-dealloc", 5) { g in "\(g.macHeader()) QQ[\(g.int(10000...20000))]: FA||Url||taskID[\(g.digits(10))] dealloc" },
            Template("sandbox", 4) { g in
                "\(g.macHeader()) kernel[0]: Sandbox: \(g.word(["com.apple.Addres", "mdworker", "QQ"]))(\(g.int(100...9000))) deny(1) file-read-data /Users/\(g.user())/Library/Preferences"
            },
            Template("mdns", 3) { g in
                "\(g.macHeader()) mDNSResponder[\(g.int(60...99))]: mDNS_DeregisterInterface: Frequent transitions for interface en0 (FE80:0000:0000:0000:\(g.hex(4).uppercased()):\(g.hex(4).uppercased()):\(g.hex(4).uppercased()):\(g.hex(4).uppercased()))"
            },
            Template("wake", 4) { g in "\(g.macHeader()) kernel[0]: Wake reason: \(g.word(["RTC (Alarm)", "EC.LidOpen (User)", "XHC1 (User)"]))" },
            Template("wifi-power", 3) { g in "\(g.macHeader()) kernel[0]: AirPort: Power \(g.word(["on", "off"])) for en0" },
        ])

    static let postgres = Source(
        name: "PostgreSQL",
        templates: [
            Template("duration", 20) { g in
                "\(g.pgHeader()) LOG:  duration: \(g.decimal(0...9000, 3)) ms  statement: SELECT * FROM \(g.word(["orders", "users", "items"])) WHERE id = \(g.int(1...99999))"
            },
            Template("checkpoint-start", 4) { g in "\(g.pgHeader()) LOG:  checkpoint starting: \(g.word(["time", "wal", "immediate force wait"]))" },
            Template("checkpoint-done", 4) { g in
                "\(g.pgHeader()) LOG:  checkpoint complete: wrote \(g.int(1...9000)) buffers (\(g.decimal(0...99, 1))%); 0 WAL file(s) added, \(g.int(0...9)) removed, \(g.int(0...9)) recycled; write=\(g.decimal(0...300, 3)) s, sync=\(g.decimal(0...9, 3)) s, total=\(g.decimal(0...300, 3)) s"
            },
            Template("auth-failed", 6) { g in "\(g.pgHeader()) FATAL:  password authentication failed for user \"\(g.user())\"" },
            Template("no-db", 3) { g in "\(g.pgHeader()) FATAL:  database \"\(g.word(["orders_test", "analytics", "app"]))\" does not exist" },
            Template("deadlock", 2) { g in "\(g.pgHeader()) ERROR:  deadlock detected" },
            Template("deadlock-detail", 2) { g in
                "\(g.pgHeader()) DETAIL:  Process \(g.int(1000...99999)) waits for ShareLock on transaction \(g.int(100_000...999_999)); blocked by process \(g.int(1000...99999))."
            },
            Template("unique", 5) { g in
                "\(g.pgHeader()) ERROR:  duplicate key value violates unique constraint \"\(g.word(["orders_pkey", "users_email_key"]))\""
            },
            Template("connection", 8) { g in "\(g.pgHeader()) LOG:  connection received: host=\(g.ip()) port=\(g.port())" },
            Template("authorized", 8) { g in "\(g.pgHeader()) LOG:  connection authorized: user=\(g.user()) database=\(g.word(["orders", "app", "postgres"]))"
            },
            Template("disconnection", 6) { g in
                "\(g.pgHeader()) LOG:  disconnection: session time: \(g.int(0...9)):\(g.pad(g.int(0...59), 2)):\(g.pad(g.int(0...59), 2)).\(g.pad(g.int(0...999), 3)) user=\(g.user()) database=\(g.word(["orders", "app"])) host=\(g.ip()) port=\(g.port())"
            },
            Template("autovacuum", 3) { g in
                "\(g.pgHeader()) LOG:  automatic vacuum of table \"\(g.word(["app.public.orders", "app.public.items"]))\": index scans: \(g.int(0...3))"
            },
        ])

    static let kubelet = Source(
        name: "Kubernetes",
        templates: [
            Template("probe", 14) { g in
                "I1028 \(g.clock()).\(g.digits(6))    \(g.int(1000...9999)) prober.go:107] \"Probe failed\" probeType=\"\(g.word(["Readiness", "Liveness"]))\" pod=\"\(g.word(["default", "shop"]))/\(g.word(["web", "api", "worker"]))-\(g.hex(10))-\(g.hex(5))\" podUID=\(g.uuid()) containerName=\"\(g.word(["web", "api", "worker"]))\" probeResult=failure output=\"Get \\\"http://10.0.\(g.int(0...9)).\(g.int(1...250)):8080/healthz\\\": context deadline exceeded\""
            },
            Template("pulling", 8) { g in
                "I1028 \(g.clock()).\(g.digits(6))    \(g.int(1000...9999)) kuberuntime_manager.go:\(g.int(100...999))] \"Pulling image\" image=\"\(g.word(["nginx", "redis", "shop/api"])):\(g.word(["latest", "1.25", "7.2"]))\""
            },
            Template("sync", 8) { g in
                "E1028 \(g.clock()).\(g.digits(6))    \(g.int(1000...9999)) pod_workers.go:1298] \"Error syncing pod, skipping\" err=\"failed to \\\"StartContainer\\\" for \\\"api\\\" with CrashLoopBackOff: \\\"back-off \(g.pick([10, 20, 40, 80, 160]))s restarting failed container=api pod=api-\(g.hex(10))-\(g.hex(5))_shop(\(g.uuid()))\\\"\" pod=\"shop/api-\(g.hex(10))-\(g.hex(5))\" podUID=\(g.uuid())"
            },
            Template("volume", 6) { g in
                "I1028 \(g.clock()).\(g.digits(6))    \(g.int(1000...9999)) reconciler_common.go:\(g.int(100...300))] \"operationExecutor.MountVolume started for volume \\\"kube-api-access-\(g.hex(5))\\\" (UniqueName: \\\"kubernetes.io/projected/\(g.uuid())-kube-api-access-\(g.hex(5))\\\") pod \\\"web-\(g.hex(10))-\(g.hex(5))\\\" (UID: \\\"\(g.uuid())\\\") \" pod=\"default/web-\(g.hex(10))-\(g.hex(5))\""
            },
            Template("oom", 2) { g in
                "W1028 \(g.clock()).\(g.digits(6))    \(g.int(1000...9999)) eviction_manager.go:\(g.int(300...400))] \"Eviction manager: attempting to reclaim\" resourceName=\"memory\""
            },
        ])

    static let redis = Source(
        name: "Redis",
        templates: [
            Template("changes", 10) { g in "\(g.redisHeader()) * \(g.int(1...100)) changes in \(g.pick([60, 300, 900])) seconds. Saving..." },
            Template("background", 10) { g in "\(g.redisHeader()) * Background saving started by pid \(g.int(1000...99999))" },
            Template("db-saved", 10) { g in "\(g.redisHeader()) * DB saved on disk" },
            Template("cow", 8) { g in "\(g.redisHeader()) * RDB: \(g.int(0...9)) MB of memory used by copy-on-write" },
            Template("bg-ok", 10) { g in "\(g.redisHeader()) * Background saving terminated with success" },
            Template("client-closed", 4) { g in
                "\(g.redisHeader()) # Client id=\(g.int(1...9999)) addr=\(g.ip()):\(g.port()) laddr=\(g.ip()):6379 fd=\(g.int(8...90)) name= age=\(g.int(0...9999)) idle=\(g.int(0...99)) flags=N db=0 cmd=\(g.word(["get", "set", "hgetall"])) closed for overcoming of output buffer limits."
            },
            Template("replica", 3) { g in "\(g.redisHeader()) * Connecting to MASTER \(g.ip()):6379" },
            Template("sync-started", 3) { g in "\(g.redisHeader()) * MASTER <-> REPLICA sync started" },
            Template("accepted", 4) { g in "\(g.redisHeader()) * Accepted \(g.ip()):\(g.port())" },
        ])

    static let kafka = Source(
        name: "Kafka",
        templates: [
            Template("rolled", 12) { g in
                "[2025-10-28 \(g.clock()),\(g.pad(g.int(0...999), 3))] INFO [ProducerStateManager partition=\(g.word(["orders", "payments", "events"]))-\(g.int(0...11))] Wrote producer snapshot at offset \(g.int(1000...9_999_999)) with \(g.int(0...9)) producer ids in \(g.int(0...99)) ms. (kafka.log.ProducerStateManager)"
            },
            Template("segment", 10) { g in
                "[2025-10-28 \(g.clock()),\(g.pad(g.int(0...999), 3))] INFO [LocalLog partition=\(g.word(["orders", "payments", "events"]))-\(g.int(0...11)), dir=/var/lib/kafka/data] Rolled new log segment at offset \(g.int(1000...9_999_999)) in \(g.int(0...99)) ms. (kafka.log.LocalLog)"
            },
            Template("deleting", 8) { g in
                "[2025-10-28 \(g.clock()),\(g.pad(g.int(0...999), 3))] INFO [UnifiedLog partition=\(g.word(["orders", "payments", "events"]))-\(g.int(0...11)), dir=/var/lib/kafka/data] Deleting segment LogSegment(baseOffset=\(g.int(0...999_999)), size=\(g.int(1000...1_073_741_824)), lastModifiedTime=\(g.digits(13)), largestRecordTimestamp=Some(\(g.digits(13)))) due to retention time 604800000ms breach based on the largest record timestamp in the segment (kafka.log.UnifiedLog)"
            },
            Template("rebalance-add", 2) { g in
                "[2025-10-28 \(g.clock()),\(g.pad(g.int(0...999), 3))] INFO [GroupCoordinator 1]: Preparing to rebalance group \(g.word(["billing", "shipping", "analytics"])) in state PreparingRebalance with old generation \(g.int(1...99)) (__consumer_offsets-\(g.int(0...49))) (reason: Adding new member consumer-\(g.word(["billing", "shipping"]))-\(g.int(1...9))-\(g.uuid()) with group instance id None) (kafka.coordinator.group.GroupCoordinator)"
            },
            Template("rebalance-remove", 2) { g in
                "[2025-10-28 \(g.clock()),\(g.pad(g.int(0...999), 3))] INFO [GroupCoordinator 1]: Preparing to rebalance group \(g.word(["billing", "shipping", "analytics"])) in state PreparingRebalance with old generation \(g.int(1...99)) (__consumer_offsets-\(g.int(0...49))) (reason: Removing member consumer-\(g.word(["billing", "shipping"]))-\(g.int(1...9))-\(g.uuid()) on LeaveGroup) (kafka.coordinator.group.GroupCoordinator)"
            },
            Template("stabilized", 4) { g in
                "[2025-10-28 \(g.clock()),\(g.pad(g.int(0...999), 3))] INFO [GroupCoordinator 1]: Stabilized group \(g.word(["billing", "shipping", "analytics"])) generation \(g.int(1...99)) (__consumer_offsets-\(g.int(0...49))) with \(g.int(1...9)) members (kafka.coordinator.group.GroupCoordinator)"
            },
            Template("isr", 3) { g in
                "[2025-10-28 \(g.clock()),\(g.pad(g.int(0...999), 3))] INFO [Partition \(g.word(["orders", "payments"]))-\(g.int(0...11)) broker=1] Shrinking ISR from \(g.int(1...3)),\(g.int(1...3)),\(g.int(1...3)) to \(g.int(1...3)),\(g.int(1...3)). Leader: (highWatermark: \(g.int(1000...99999)), endOffset: \(g.int(1000...99999))). Out of sync replicas: (brokerId: \(g.int(1...3)), endOffset: \(g.int(1000...99999)), lastCaughtUpTimeMs: \(g.digits(13))). (kafka.cluster.Partition)"
            },
        ])

    static let systemd = Source(
        name: "systemd",
        templates: [
            Template("started-session", 6) { g in "\(g.syslogHeader()) systemd[1]: Started Session \(g.int(1...9999)) of user \(g.user())." },
            Template("started-manager", 6) { g in "\(g.syslogHeader()) systemd[1]: Started User Manager for UID \(g.int(1...9999))." },
            Template("starting-unit", 8) { g in
                "\(g.syslogHeader()) systemd[1]: Starting \(g.word(["Daily apt download activities", "Cleanup of Temporary Directories", "Rotate log files"]))..."
            },
            Template("finished", 8) { g in
                "\(g.syslogHeader()) systemd[1]: \(g.word(["apt-daily.service", "logrotate.service", "systemd-tmpfiles-clean.service"])): Succeeded."
            },
            Template("deactivated", 8) { g in
                "\(g.syslogHeader()) systemd[1]: \(g.word(["session-12.scope", "user@1000.service", "cron.service"])): Deactivated successfully."
            },
            Template("consumed", 6) { g in
                "\(g.syslogHeader()) systemd[1]: \(g.word(["apt-daily.service", "logrotate.service", "session-42.scope"])): Consumed \(g.decimal(0...9, 3))s CPU time."
            },
            Template("cron-cmd", 10) { g in
                "\(g.syslogHeader()) CRON[\(g.int(1000...99999))]: (\(g.word(["root", "www-data"]))) CMD (\(g.word(["command -v debian-sa1 > /dev/null && debian-sa1 1 1", "test -x /usr/sbin/anacron || ( cd / && run-parts --report /etc/cron.daily )"])))"
            },
            Template("oom", 2) { g in
                "\(g.syslogHeader()) kernel: [\(g.decimal(1000...999_999, 6))] Out of memory: Killed process \(g.int(1000...99999)) (\(g.word(["java", "node", "python3"]))) total-vm:\(g.int(100_000...9_000_000))kB, anon-rss:\(g.int(100_000...9_000_000))kB, file-rss:0kB, shmem-rss:0kB, UID:\(g.int(0...1000)) pgtables:\(g.int(1000...9000))kB oom_score_adj:0"
            },
            Template("ufw", 6) { g in
                "\(g.syslogHeader()) kernel: [\(g.decimal(1000...999_999, 6))] [UFW BLOCK] IN=eth0 OUT= MAC=\(g.hex(2)):\(g.hex(2)):\(g.hex(2)):\(g.hex(2)):\(g.hex(2)):\(g.hex(2)) SRC=\(g.publicIP()) DST=\(g.ip()) LEN=\(g.int(40...60)) TOS=0x00 PREC=0x00 TTL=\(g.int(30...250)) ID=\(g.int(1...65535)) PROTO=TCP SPT=\(g.port()) DPT=\(g.pick([22, 23, 3389, 8080])) WINDOW=\(g.int(1000...65535)) RES=0x00 SYN URGP=0"
            },
        ])

    static let thunderbird = Source(
        name: "Thunderbird",
        templates: [
            Template("sweep", 12) { g in "\(g.tbirdHeader()) ib_sm.x[\(g.int(20000...30000))]: [ib_sm_sweep.c:\(g.int(1000...2000))]: No topology change" },
            Template("sweep-done", 8) { g in
                "\(g.tbirdHeader()) ib_sm.x[\(g.int(20000...30000))]: [ib_sm_sweep.c:\(g.int(1000...2000))]: No configuration change required"
            },
            Template("session-opened", 10) { g in "\(g.tbirdHeader()) sshd(pam_unix)[\(g.int(1000...32000))]: session opened for user \(g.user()) by (uid=0)" },
            Template("session-closed", 10) { g in "\(g.tbirdHeader()) sshd(pam_unix)[\(g.int(1000...32000))]: session closed for user \(g.user())" },
            Template("accepted", 8) { g in
                "\(g.tbirdHeader()) sshd[\(g.int(1000...32000))]: Accepted publickey for \(g.user()) from \(g.ip()) port \(g.port()) ssh2"
            },
            Template("ntpd", 4) { g in "\(g.tbirdHeader()) ntpd[\(g.int(1000...9000))]: synchronized to \(g.ip()), stratum \(g.int(1...4))" },
            Template("pbs", 6) { g in
                "\(g.tbirdHeader()) pbs_mom: Bad file descriptor (9) in tm_request, job \(g.int(100_000...999_999)).tbird-admin1 not running"
            },
            Template("dhcpd", 6) { g in
                "\(g.tbirdHeader()) dhcpd: DHCPREQUEST for \(g.ip()) from \(g.hex(2)):\(g.hex(2)):\(g.hex(2)):\(g.hex(2)):\(g.hex(2)):\(g.hex(2)) via eth1"
            },
            Template("dhcpack", 6) { g in
                "\(g.tbirdHeader()) dhcpd: DHCPACK on \(g.ip()) to \(g.hex(2)):\(g.hex(2)):\(g.hex(2)):\(g.hex(2)):\(g.hex(2)):\(g.hex(2)) via eth1"
            },
            Template("crond", 6) { g in "\(g.tbirdHeader()) crond(pam_unix)[\(g.int(1000...32000))]: session opened for user root by (uid=0)" },
        ])
}

extension LogCorpus.Generator {
    mutating func blk() -> String { (chance(50) ? "-" : "") + digits(int(18...19)) }
    mutating func attempt() -> String {
        "attempt_1445144423722_\(pad(int(1...30), 4))_\(pick(["m", "r"]))_\(pad(int(0...20), 6))_\(int(0...1))"
    }
    mutating func task() -> String { "task_1445144423722_\(pad(int(1...30), 4))_\(pick(["m", "r"]))_\(pad(int(0...20), 6))" }
    mutating func container() -> String { "container_1445144423722_\(pad(int(1...30), 4))_01_\(pad(int(1...30), 6))" }
    mutating func syslogHeader() -> String {
        guard headers else { return "" }
        return "\(pick(["Jun", "Jul"])) \(int(1...28)) \(clock()) combo"
    }
    mutating func logcatHeader(_ level: String) -> String {
        guard headers else { return "" }
        return "03-17 \(clock()).\(pad(int(0...999), 3))  \(int(1000...3000))  \(int(1000...9000)) \(level)"
    }
    mutating func healthHeader(_ component: String) -> String {
        guard headers else { return "" }
        return "201712\(int(23...31))-\(clock()):\(int(0...999))|\(component)|30002312|"
    }
    mutating func apacheHeader() -> String {
        guard headers else { return "" }
        return "[\(pick(["Sun", "Mon", "Tue"])) Dec \(pad(int(1...31), 2)) \(clock()) 2005]"
    }
    mutating func proxifierHeader() -> String {
        guard headers else { return "" }
        return "[10.\(int(10...31)) \(clock())]"
    }
    mutating func program() -> String {
        pick(["chrome.exe", "Dropbox.exe", "WeChat.exe", "QQ.exe", "putty.exe", "Skype.exe", "firefox.exe", "svchost.exe", "YodaoDict.exe"])
    }
    mutating func remote() -> String {
        chance(50)
            ? "\(pick(["www.google.com", "clients4.google.com", "d.dropbox.com", "weixin.qq.com", "api.skype.com"])):\(pick([80, 443]))"
            : "\(publicIP()):\(pick([80, 443, 8080]))"
    }
    mutating func proxy() -> String { "proxy.cse.cuhk.edu.hk:5070" }
    mutating func lifetime() -> String { "\(pad(int(0...59), 2)):\(pad(int(0...59), 2))" }
    mutating func nginxDate() -> String { "28/Oct/2025:\(clock()) +0000" }
    mutating func userAgent() -> String {
        pick([
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0 Safari/537.36", "curl/8.4.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)", "ELB-HealthChecker/2.0",
        ])
    }
    mutating func pgHeader() -> String {
        guard headers else { return "" }
        return "2025-10-28 \(clock()).\(pad(int(0...999), 3)) UTC [\(int(1000...99999))]"
    }
    mutating func redisHeader() -> String {
        guard headers else { return "" }
        return "\(int(1...9999)):\(pick(["M", "C", "S"])) 28 \(pick(["Oct", "Nov"])) 2025 \(clock()).\(pad(int(0...999), 3))"
    }
    mutating func tbirdHeader() -> String {
        guard headers else { return "" }
        return
            "\(pick(["Nov", "Dec"])) \(int(1...28)) \(clock()) \(pick(["an", "bn", "dn", "en"]))\(int(1...900))/\(pick(["an", "bn", "dn", "en"]))\(int(1...900))"
    }
    mutating func macHeader() -> String {
        guard headers else { return "" }
        return "\(pick(["Jul", "Aug"])) \(int(1...9)) \(clock()) calvisitor-10-105-\(int(160...163))-\(int(1...254))"
    }
}

extension String {
    fileprivate func withPrefix(_ prefix: String) -> String { prefix + self }
}
