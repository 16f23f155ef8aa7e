import Testing

@testable import FaberAWS

@Suite("XML parser")
struct XMLElementTests {
    @Test func parsesAQueryResponseWithNamespacesAndLists() throws {
        let xml = try XMLElement.parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
              <DescribeDBInstancesResult>
                <DBInstances>
                  <DBInstance><DBInstanceIdentifier>orders-db</DBInstanceIdentifier><StorageEncrypted>true</StorageEncrypted></DBInstance>
                  <DBInstance><DBInstanceIdentifier>users-db</DBInstanceIdentifier><StorageEncrypted>false</StorageEncrypted></DBInstance>
                </DBInstances>
                <Marker>next-page</Marker>
              </DescribeDBInstancesResult>
              <ResponseMetadata><RequestId>abc</RequestId></ResponseMetadata>
            </DescribeDBInstancesResponse>
            """)
        #expect(xml.name == "DescribeDBInstancesResponse")
        #expect(xml.attributes["xmlns"] == "http://rds.amazonaws.com/doc/2014-10-31/")
        let result = try #require(xml.child("DescribeDBInstancesResult"))
        #expect(result.list("DBInstances").map { $0.text("DBInstanceIdentifier") } == ["orders-db", "users-db"])
        #expect(result.text("Marker") == "next-page")
        #expect(xml.path("ResponseMetadata/RequestId")?.text == "abc")
        #expect(xml.path("ResponseMetadata/Missing") == nil)
        #expect(result.children("DBInstances").count == 1)
    }

    @Test func decodesEntitiesCDATAAndPrefixes() throws {
        let xml = try XMLElement.parse(
            "<a:Root xmlns:a='urn:x' k=\"1 &amp; 2\"><a:Msg>x &lt; y &#233;&#x4E2D; &quot;q&apos;</a:Msg><B><![CDATA[<raw & text>]]></B><Empty/><!-- c --></a:Root>"
        )
        #expect(xml.name == "Root")
        #expect(xml.attributes["k"] == "1 & 2")
        #expect(xml.text("Msg") == "x < y é中 \"q'")
        #expect(xml.text("B") == "<raw & text>")
        #expect(xml.child("Empty")?.textOrNil == nil)
        #expect(xml.first(named: "B")?.text == "<raw & text>")
    }

    @Test func keepsLeafTextExactly() throws {
        let xml = try XMLElement.parse("<R><Message>  two  spaces\n</Message></R>")
        #expect(xml.text("Message") == "  two  spaces\n")
    }

    @Test(arguments: [
        "<a><b></a>", "<a>", "text only", "<a x=1></a>", "<a>&bogus;</a>", "<a></a><b></b>",
    ])
    func rejectsMalformedDocuments(_ text: String) {
        #expect(throws: XMLDocumentParser.Error.self) { try XMLElement.parse(text) }
    }
}
