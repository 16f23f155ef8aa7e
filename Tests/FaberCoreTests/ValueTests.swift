import Testing

@testable import FaberCore

@Suite("Value accessors, lookup, truthiness and interpolation")
struct ValueTests {
    @Test(
        "int reads ints, whole doubles below 9e15 and integer strings",
        arguments: [
            (Value.int(3), 3 as Int?), (.int(-3), -3), (.double(3.0), 3), (.double(-2.0), -2), (.double(3.5), nil),
            (.double(8.9e15), 8_900_000_000_000_000), (.double(1e16), nil), (.double(.nan), nil), (.string("42"), 42),
            (.string("4.0"), nil), (.string(" 4"), nil), (.bool(true), nil), (.null, nil), (.array([1]), nil),
        ])
    func int(value: Value, expected: Int?) {
        #expect(value.int == expected)
    }

    @Test(
        "double reads numbers and numeric strings",
        arguments: [
            (Value.int(2), 2.0 as Double?), (.double(2.5), 2.5), (.string("2.5"), 2.5), (.string("1e3"), 1000),
            (.string("x"), nil), (.bool(false), nil), (.null, nil), ([:] as Value, nil),
        ])
    func double(value: Value, expected: Double?) {
        #expect(value.double == expected)
    }

    @Test("the other accessors read only their own case")
    func caseAccessors() {
        #expect(Value.string("1").string == "1")
        #expect(Value.int(1).string == nil)
        #expect(Value.bool(false).bool == false)
        #expect(Value.string("true").bool == nil)
        #expect(Value.array([1, 2]).array == [1, 2])
        let object: Value = ["a": 1]
        #expect(object.array == nil)
        #expect(object.object?["a"] == 1)
        #expect(Value.array([]).object == nil)
        #expect(Value.null.isNull)
        #expect(!Value.string("").isNull)
    }

    @Test("ints and doubles are distinct values even when equal as numbers")
    func intVersusDouble() {
        #expect(Value.int(1) != .double(1))
        #expect(Set<Value>([.int(1), .double(1), .int(1)]).count == 2)
    }

    @Test("literals and object(_:) keep key order")
    func literalOrder() {
        let literal: Value = ["b": 1, "a": 2]
        #expect(literal.object.map { Array($0.keys) } == ["b", "a"])
        #expect(Value.object(["z": 1, "y": 2] as KeyValuePairs).object.map { Array($0.keys) } == ["z", "y"])
        #expect(Value(nilLiteral: ()) == .null)
    }

    @Test("the key subscript reads members; setting adds at the end, nil removes, a non-object is left alone")
    func keySubscript() {
        var value: Value = ["a": 1, "b": 2]
        #expect(value["a"] == 1)
        #expect(value["missing"] == nil)
        value["c"] = 3
        value["a"] = 10
        #expect(value.object.map { Array($0.keys) } == ["a", "b", "c"])
        #expect(value == ["a": 10, "b": 2, "c": 3])
        value["b"] = nil
        #expect(value == ["a": 10, "c": 3])
        var list: Value = [1]
        list["a"] = 1
        #expect(list == [1])
        #expect(list["a"] == nil)
    }

    @Test("the index subscript reads list items; out of range or not a list is nil")
    func indexSubscript() {
        let list: Value = ["x", "y"]
        #expect(list[0] == "x")
        #expect(list[1] == "y")
        #expect(list[2] == nil)
        #expect(list[-1] == nil)
        #expect((["0": "zero"] as Value)[0] == nil)
    }

    @Test("lookup follows a dotted path through objects and list indexes")
    func lookup() {
        let value: Value = [
            "handlers": ["hosting": ["active": "aws", "list": [["name": "first"], ["name": "second"]]]],
            "0": "zero key",
        ]
        #expect(value.lookup("handlers.hosting.active") == "aws")
        #expect(value.lookup("handlers.hosting.list.1.name") == "second")
        #expect(value.lookup("0") == "zero key")
        #expect(value.lookup("handlers..hosting.active") == "aws")
        #expect(value.lookup("") == value)
        #expect(value.lookup("handlers.missing.active") == nil)
        #expect(value.lookup("handlers.hosting.active.more") == nil)
        #expect(value.lookup("handlers.hosting.list.2") == nil)
        #expect(value.lookup("handlers.hosting.list.-1") == nil)
    }

    @Test(
        "null, false, zero, the empty string and empty collections are false; the rest true",
        arguments: [
            (Value.null, false), (.bool(false), false), (.bool(true), true), (.int(0), false), (.int(-1), true),
            (.double(0), false), (.double(-0.0), false), (.double(0.1), true), (.string(""), false), (.string("0"), true),
            (.string("false"), true), (.array([]), false), (.array([.null]), true), ([:] as Value, false),
            (["a": nil] as Value, true),
        ])
    func truthiness(value: Value, truthy: Bool) {
        #expect(value.isTruthy == truthy)
    }

    @Test(
        "type names for messages",
        arguments: [
            (Value.null, "null"), (.bool(true), "boolean"), (.int(1), "number"), (.double(1.5), "number"),
            (.string(""), "string"), (.array([]), "list"), ([:] as Value, "object"),
        ])
    func typeName(value: Value, name: String) {
        #expect(value.typeName == name)
    }

    @Test(
        "interpolated text: strings bare, null empty, whole numbers without .0, collections as compact JSON",
        arguments: [
            (Value.null, ""), (.string("text \"q\""), "text \"q\""), (.bool(true), "true"), (.bool(false), "false"),
            (.int(-42), "-42"), (.double(2), "2"), (.double(2.5), "2.5"), (.double(-0.0), "0"), (.double(1e16), "1e+16"),
            (.double(.nan), "null"), (.array([1, "a", .null]), #"[1,"a",null]"#), (["k": "v"] as Value, #"{"k":"v"}"#),
        ])
    func interpolated(value: Value, text: String) {
        #expect(value.interpolated == text)
    }
}
