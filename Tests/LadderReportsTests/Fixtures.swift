import Foundation
import LadderCore

/// Hand-written registry fragments for audit tests: one clean firm of each shape, and variants that
/// each plant exactly one problem.
enum Fixture {
    /// A valid credit code for a district and a serial (check character computed).
    static func code(_ district: String, _ serial: Int) -> String {
        let body = "91" + district + "MA3C" + String(10_000 + serial % 90_000)
        return CreditCode.complete(body) ?? body + "0"
    }

    /// Tech-SME figures for 2024 scoring 90 (tech staff 38% → 20, R&D 5.7% → 40, Class I IP → 30).
    static let smeFinance = """
        <Finance year="2023" unit="wan-yuan"><Employees>110</Employees><TechStaff>40</TechStaff><Revenue>5200</Revenue><TotalIncome>5300</TotalIncome><TotalCost>4800</TotalCost><TotalAssets>8000</TotalAssets><NetAssets>4000</NetAssets><RDExpense>280</RDExpense><RDExpenseDomestic>280</RDExpenseDomestic></Finance>
        <Finance year="2024" unit="wan-yuan"><Employees>120</Employees><TechStaff>46</TechStaff><Revenue>5800</Revenue><TotalIncome>5900</TotalIncome><TotalCost>5100</TotalCost><TotalAssets>9000</TotalAssets><NetAssets>4500</NetAssets><RDExpense>330</RDExpense><RDExpenseDomestic>330</RDExpenseDomestic></Finance>
        """

    /// A tech SME by score; `finance`, `extra` and the code can be swapped to plant problems.
    static func sme(id: String, name: String = "青岛海纳光电科技有限公司", district: String = "370212",
                    registered: String = "2016-05-18", finance: String = smeFinance, extra: String = "") -> String {
        """
          <Enterprise id="\(id)">
            <Name>\(name)</Name><District code="\(district)"/><Industry code="I6513"/>
            <RegisteredOn>\(registered)</RegisteredOn><Status>active</Status><Resident>true</Resident><TaxAssessment>actual-profit</TaxAssessment>
            \(finance)
            <IP class="I" kind="invention-patent" count="2" acquired="own"/>
            \(extra)
          </Enterprise>
        """
    }

    /// High-tech figures 2022–2024 meeting all eight conditions, with expert scores (83–91 points).
    static let hnteFinance = """
        <Finance year="2022" unit="wan-yuan"><Employees>180</Employees><TechStaff>40</TechStaff><Revenue>8000</Revenue><TotalIncome>8200</TotalIncome><TotalCost>7000</TotalCost><TotalAssets>12000</TotalAssets><NetAssets>6000</NetAssets><RDExpense>400</RDExpense><RDExpenseDomestic>400</RDExpenseDomestic><HighTechRevenue>5500</HighTechRevenue><Conversions>5</Conversions></Finance>
        <Finance year="2023" unit="wan-yuan"><Employees>190</Employees><TechStaff>42</TechStaff><Revenue>10000</Revenue><TotalIncome>10200</TotalIncome><TotalCost>9000</TotalCost><TotalAssets>14000</TotalAssets><NetAssets>8000</NetAssets><RDExpense>480</RDExpense><RDExpenseDomestic>470</RDExpenseDomestic><HighTechRevenue>7000</HighTechRevenue><Conversions>5</Conversions></Finance>
        <Finance year="2024" unit="wan-yuan"><Employees>200</Employees><TechStaff>TECH</TechStaff><Revenue>13000</Revenue><TotalIncome>13200</TotalIncome><TotalCost>11000</TotalCost><TotalAssets>17000</TotalAssets><NetAssets>11000</NetAssets><RDExpense>600</RDExpense><RDExpenseDomestic>590</RDExpenseDomestic><HighTechRevenue>9000</HighTechRevenue><Conversions>6</Conversions></Finance>
        """

    static let expertScores = """
        <ExpertScore item="ip-advancement" points="7"/><ExpertScore item="ip-core-support" points="7"/>
        <ExpertScore item="ip-acquisition" points="5"/><ExpertScore item="standards-bonus" points="0"/>
        <ExpertScore item="rd-management" points="5"/><ExpertScore item="rd-institution" points="5"/>
        <ExpertScore item="conversion-incentive" points="3"/><ExpertScore item="talent" points="3"/>
        """

    /// A high-tech firm (too large for a tech SME: sales 1.3亿 are fine, so staff decide nothing).
    static func hnte(id: String, techStaff: Int = 45, certificate: String = "", district: String = "370214") -> String {
        """
          <Enterprise id="\(id)">
            <Name>青岛恒信电子科技有限公司</Name><District code="\(district)"/><Industry code="C3976"/>
            <TechDomain>electronic-information</TechDomain><RegisteredOn>2012-05-18</RegisteredOn><Status>active</Status>
            <Resident>true</Resident><TaxAssessment>actual-profit</TaxAssessment>
            \(hnteFinance.replacingOccurrences(of: "TECH", with: String(techStaff)))
            <IP class="I" kind="invention-patent" count="3" acquired="own"/>
            \(certificate)
            \(expertScores)
          </Enterprise>
        """
    }
}
