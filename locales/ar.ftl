# The words of the page that are not content, in Arabic (Modern Standard Arabic, as Iraqi and
# pan-Arab news sites write it). locales/en.ftl explains the file; the message ids are the same.

## The top of the page
# The language's own name, on the links between editions.
language-name = العربية
skip-link = انتقل إلى المحتوى الرئيسي
page-nav = في هذه الصفحة
byline = بقلم
list-separator = { "، " }
# بين التسمية وما تسمّيه: «المصادر: رويترز، أسوشيتد برس».
label-separator = {": "}
# "و" joins the last name without a space: "فلان وفلان".
list-last-separator = { " و" }
published = نُشر في
updated = حُدّث في
key-points = أبرز النقاط
latest = آخر المستجدات
latest-correction = تصحيح

# After a quote whose words are a translation of what was said.
quote-translated = ترجمة

## The timeline
timeline-periods = مراحل التسلسل الزمني
# فوق الشريط الذي يضع كل الأحداث على محور واحد.
timeline-overview = في لمحة
after-publication = بعد النشر
# رابط إلى صورة أو مقطع ما زال على موقع آخر.
media-elsewhere = شاهده على { $host }
# Arabic has a dual: one source, two sources, three or more.
event-sources = { $count ->
    [one] المصدر
    [two] المصدران
   *[other] المصادر
}
citation = المصدر
# تُقرأ بين طرفَي نطاق من الإحالات: «المصدر ٤ إلى ٦».
citation-range = إلى

# معاينة المصدر التي تفتحها علامة الإحالة: الرابط إلى مدخله في القائمة، وزر الإغلاق.
preview-in-list = في قائمة المصادر
preview-close = إغلاق

# بطاقة المصطلح التي يفتحها أول ذكر له في النص: الرابط إلى مدخله في المسرد.
card-in-glossary = في المسرد

# بين صاحب العمل والوسيلة التي نقلته: «أسوشيتد برس، عبر إن بي سي نيوز».
source-via = عبر

## The end of the page
corrections = تصحيحات
corrections-policy = كيف نصحّح أخطاءنا
updated-later = وحُدّث في
made-with = صُنعت هذه الصفحة بأداة explainer.
privacy = لا تضع هذه الصفحة ملفات تعريف الارتباط ولا تحمّل شيئًا من مواقع أخرى.
feed-link = التحديثات والتصحيحات (موجز Atom)
feed-title = التحديثات والتصحيحات
get-data = البيانات
timeline-csv = التسلسل الزمني جدولًا (CSV)
timeline-csv-what = كل حدث بتواريخه ونصّه ومصادره، في أعمدة جدول TimelineJS من Knight Lab، لفتحه في Excel أو Google Sheets.
timeline-data = التسلسل الزمني بصيغة TimelineJS JSON
timeline-data-what = الأحداث نفسها، لعرضها في إطار TimelineJS أو لقراءتها ببرنامج.
feed-what = مدخل جديد لكل تحديث وتصحيح، لقارئ الموجزات.
cite-this-page = للإحالة إلى هذه الصفحة
cite-as = { $publisher }، «{ $title }»، نُشر في { $published }
cite-as-updated = { $publisher }، «{ $title }»، نُشر في { $published }، وحُدّث في { $updated }
back-to-top = العودة إلى أعلى الصفحة

## The page for an address that does not exist
not-found-title = الصفحة غير موجودة
not-found-heading = لا يوجد شيء في هذا العنوان
not-found-text = ربما كُتب العنوان خطأً، أو نُقلت الصفحة. تجد الشرح هنا:

## The feed and the social card
feed-updated = تحديث: { $title }
feed-correction = تصحيح، { $date }
feed-updated-text = حُدّث هذا الشرح في { $date }.
feed-key-points = أبرز نقاطه الآن:
read-full-explainer = اقرأ الشرح كاملًا
card-published = نُشر في { $date }
card-updated = حُدّث في { $date }

## A video or post on another site, behind a facade until the reader opens it
embed-play = تشغيل الفيديو على { $site }
embed-show = عرض المنشور على { $site }
# Under the facade: the host its player or post loads from.
embed-privacy = لا يُحمَّل شيء من { $host } إلا حين تطلبه.
