import Foundation
import Testing
@testable import SlotlineCore

/// User-facing error wording; `invalid_parameter` and `no_free_line` follow the OA seed exactly.
@Suite struct ErrorMessagesTests {
    @Test func invalidParameterUsesTheSeedWording() {
        let error = SlotlineError.invalid("duration")

        #expect(ErrorMessages.message(for: error, in: .zhHans) == "无效的输入参数： duration")
        #expect(ErrorMessages.message(for: error, in: .zhHant) == "無效的輸入參數： duration")
        #expect(ErrorMessages.message(for: error, in: .en) == "Invalid input parameter: duration")
    }

    @Test func noFreeLineUsesTheSeedWording() {
        let error = SlotlineError(.noFreeLine)

        #expect(ErrorMessages.message(for: error, in: .zhHans) == "找不到空闲线路，请检查线路维护是否正常，或者重新选择会议时间")
        #expect(ErrorMessages.message(for: error, in: .zhHant) == "找不到空閒線路，請檢查線路維護是否正常，或者重新選擇會議時間")
    }

    @Test func detailFollowsTheFieldInParentheses() {
        let error = SlotlineError.invalid("durationMinutes", "5–1440")

        #expect(ErrorMessages.message(for: error, in: .en) == "Invalid input parameter: durationMinutes (5–1440)")
        #expect(ErrorMessages.message(for: error, in: .zhHans) == "无效的输入参数： durationMinutes (5–1440)")
    }

    @Test func invalidStateNamesTheState() {
        let error = SlotlineError(.invalidState, field: "state", detail: "cancelled")

        #expect(ErrorMessages.message(for: error, in: .en) == "This cannot be done while the booking is cancelled.")
        #expect(ErrorMessages.message(for: error, in: .zhHans) == "预约当前状态（cancelled）不允许此操作。")
        #expect(ErrorMessages.message(for: SlotlineError(.invalidState), in: .en)
            == "This cannot be done while the booking is in its current state.")
    }

    @Test func tooSoonCarriesTheNotice() {
        let error = SlotlineError(.tooSoon, field: "startsAt", detail: "120 min")

        #expect(ErrorMessages.message(for: error, in: .en) == "This time is too soon to book (120 min).")
    }

    @Test(arguments: ErrorCode.allCases)
    func everyCodeHasItsOwnWordingInEveryLanguage(code: ErrorCode) {
        let error = SlotlineError(code, field: "name")
        let english = ErrorMessages.message(for: error, in: .en)
        let simplified = ErrorMessages.message(for: error, in: .zhHans)
        let traditional = ErrorMessages.message(for: error, in: .zhHant)

        #expect(!english.isEmpty)
        #expect(simplified != english)
        #expect(traditional != english)
        #expect(simplified.unicodeScalars.contains { $0.value >= 0x4E00 })
        #expect(traditional.unicodeScalars.contains { $0.value >= 0x4E00 })
    }

    @Test func codesAreTheStableSnakeCaseStrings() {
        #expect(ErrorCode.allCases.allSatisfy { $0.rawValue.allSatisfy { $0.isLowercase || $0 == "_" } })
        #expect(SlotlineError(.slotUnavailable).code.rawValue == "slot_unavailable")
        #expect(SlotlineError(.requestAlreadyPending).code.rawValue == "request_already_pending")
    }
}
