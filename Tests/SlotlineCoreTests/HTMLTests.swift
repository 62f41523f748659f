import Testing
import SlotlineCore

@Suite struct HTMLTests {
    @Test func escapesEveryCharacterThatCanEndTextOrAnAttribute() {
        #expect(HTML.escaped(#"<a href="x" title='y'>Tom & Jerry</a>"#)
            == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;")
        #expect(HTML.escaped("预约 ok") == "预约 ok")
        #expect(HTML.escaped("王<小>明 & 'é'") == "王&lt;小&gt;明 &amp; &#39;é&#39;")
        #expect(HTML.escaped("Ada"[...]) == "Ada")
    }
}
