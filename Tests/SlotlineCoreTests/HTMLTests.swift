import Testing
import SlotlineCore

@Suite struct HTMLTests {
    @Test func escapesEveryCharacterThatCanEndTextOrAnAttribute() {
        #expect(HTML.escaped(#"<a href="x" title='y'>Tom & Jerry</a>"#)
            == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;")
        #expect(HTML.escaped("预约 ok") == "预约 ok")
    }
}
