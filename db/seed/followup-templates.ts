import type { Guideline, TemplateStep } from "@/server/modules/followup/rules/template-steps";

/**
 * Templates every tenant starts with (created by the follow-up migration). Intervals for hypertension
 * and type 2 diabetes follow 国家基本公共卫生服务规范 (第三版): quarterly face-to-face follow-up,
 * the guideline logic (server/modules/followup/rules/guideline.ts) moves the next visit.
 */
export const SEED_TEMPLATES: { code: string; name: string; nameEn: string; guideline: Guideline | null; steps: TemplateStep[] }[] = [
  {
    code: "post_checkup",
    name: "体检后随访",
    nameEn: "Post check-up follow-up",
    guideline: null,
    steps: [
      {
        offsetDays: 7,
        repeatEveryDays: null,
        channel: "phone",
        title: "体检报告解读回访",
        titleEn: "Report explanation call",
        content: "确认已收到并理解体检报告，提醒异常项目复查。",
        contentEn: "Check the report was received and understood; remind about re-checks of abnormal items.",
        questions: [
          { key: "report_understood", label: "已理解体检报告", labelEn: "Understood the report", type: "yesno", required: true },
          { key: "recheck_booked", label: "已预约异常项目复查", labelEn: "Re-check booked", type: "yesno", required: false },
        ],
      },
      {
        offsetDays: 15,
        repeatEveryDays: null,
        channel: "message",
        title: "健康建议执行情况",
        titleEn: "Advice follow-through",
        content: "询问饮食、运动建议的执行情况。",
        contentEn: "Ask how the diet and exercise advice is going.",
        questions: [
          {
            key: "advice_adherence",
            label: "建议执行情况",
            labelEn: "Adherence to advice",
            type: "choice",
            required: false,
            options: [
              { value: "good", label: "良好", labelEn: "Good" },
              { value: "partial", label: "部分", labelEn: "Partly" },
              { value: "none", label: "未执行", labelEn: "Not at all" },
            ],
          },
        ],
      },
      {
        offsetDays: 30,
        repeatEveryDays: null,
        channel: "phone",
        title: "复查结果随访",
        titleEn: "Re-check results call",
        content: "了解复查结果及就医情况。",
        contentEn: "Ask about re-check results and any visits to a doctor.",
        questions: [{ key: "recheck_done", label: "已完成复查", labelEn: "Re-check done", type: "yesno", required: true }],
      },
    ],
  },
  {
    code: "hypertension",
    name: "高血压随访",
    nameEn: "Hypertension follow-up",
    guideline: "hypertension",
    steps: [
      {
        offsetDays: 0,
        repeatEveryDays: 90,
        channel: "visit",
        title: "高血压季度随访",
        titleEn: "Quarterly hypertension visit",
        content: "测量血压、体重、心率；询问症状、生活方式与服药情况。",
        contentEn: "Measure blood pressure, weight and heart rate; ask about symptoms, lifestyle and medication.",
        questions: [
          { key: "takes_medication", label: "规律服药", labelEn: "Takes medication regularly", type: "yesno", required: true },
          { key: "heart_rate", label: "心率", labelEn: "Heart rate", type: "number", unit: "/min", required: false },
          { key: "weight_kg", label: "体重", labelEn: "Weight", type: "number", unit: "kg", required: false },
          { key: "salt_intake", label: "摄盐情况", labelEn: "Salt intake", type: "choice", required: false, options: [
            { value: "low", label: "轻", labelEn: "Low" },
            { value: "medium", label: "中", labelEn: "Medium" },
            { value: "high", label: "重", labelEn: "High" },
          ] },
        ],
      },
    ],
  },
  {
    code: "type2_diabetes",
    name: "2型糖尿病随访",
    nameEn: "Type 2 diabetes follow-up",
    guideline: "diabetes",
    steps: [
      {
        offsetDays: 0,
        repeatEveryDays: 90,
        channel: "visit",
        title: "糖尿病季度随访",
        titleEn: "Quarterly diabetes visit",
        content: "测量空腹血糖、血压、体重；检查足背动脉搏动；询问症状与服药情况。",
        contentEn: "Measure fasting glucose, blood pressure and weight; check dorsalis pedis pulse; ask about symptoms and medication.",
        questions: [
          { key: "takes_medication", label: "规律服药", labelEn: "Takes medication regularly", type: "yesno", required: true },
          { key: "foot_pulse", label: "足背动脉搏动", labelEn: "Dorsalis pedis pulse", type: "choice", required: false, options: [
            { value: "normal", label: "触及正常", labelEn: "Normal" },
            { value: "weak", label: "减弱", labelEn: "Weak" },
            { value: "absent", label: "消失", labelEn: "Absent" },
          ] },
          { key: "hypoglycaemia", label: "近期低血糖发作", labelEn: "Recent hypoglycaemia", type: "yesno", required: false },
        ],
      },
    ],
  },
];
