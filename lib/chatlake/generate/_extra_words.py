"""Word lists for the languages wordfreq does not ship (generated; do not edit).

Rebuilt by `python tools/build_extra_words.py`. Function words come from
stopwords-iso (MIT licence, via the `stopwordsiso` package); content words from the Unicode
CLDR locale data (Unicode licence, via `babel`), keeping only words that fastText lid.176
attributes to the language. Keys: babel locale code; `label`: fastText lid.176 label;
`spaced`: whether the script separates words with spaces; `function` and `content`: words
separated by single spaces (implicitly concatenated string literals).
"""

# fmt: off
EXTRA_WORDS: dict[str, dict] = {
    'af': {
        'label': 'af',
        'spaced': True,
        'function': (
            'baie daar ek hulle hy jou jy ons saam sy vir wat '
        ),
        'content': (
            'oor duim britse deeltjies eenhede nagte oos kalorieë maandag sondag deeltjie afgeleë duime '
            'eeue junie kilokalorieë koreaans koreaanse marokkaanse omskakelbare oseanië russiese '
            'suidelike suidoos switserse tibettaans albanië belarusiese birmaans eeu ewe frankryk '
            'gebied gebiede grondgebiede indonesiese jordanië kirgisiese koeweitse koninkryk maleisiese '
            'malgassiese mauritanië mikronesiese neapolitaans nedersaksies niueaans noordelike noorweë '
            'oksitaans omaanse oseaangebied pseudotweerigting romaans skryfstelsel standaard '
            'standaardarabies suider switserland tanzanië verskeie viëtnamees viëtnamese wêreld '
        ),
    },
    'am': {
        'label': 'am',
        'spaced': True,
        'function': (
        ),
        'content': (
            'በፊት ደሴቶች ያርድ ማይል እና ሜትር የሻይ ሊትር ማንኪያ ኢንች ፓውንድ አፍሪካ ኪሎሜትር ጋሎን ዓመት ለሊት ወራት ፍራንክ ማንኪያዎች ማግ '
            'ብርሃን ቮልት አምፒር ኩባያ ኳርትስ ዲናር ዳልተንስ ጁልስ ሳምንታት ስኴር ቻይንኛ ዓመታት ምዕራባዊ ሰከንድ አሜሪካ ኪሎሜትሮች ዋት ሐሙስ '
            'ሐሙሶች መለኪያ ማክሰኞዎች ረቡዕዎች ሰሜን ሰኞዎች ሴንት ሶላር ቅዳሜዎች በሰዓት በዳ ባይት ኡደት እሑድ እሑዶች እስያ ኪሎዋት ዓርብ ዓርብዎች '
            'ሜጋሊትር ሰዓት ሳምንት ቀናት ኃይል አውሮፓ እንግሊዝኛ ከሰዓት ካራት ወር ዓረብኛ የፈረስ ደሴት ግራም ጥዋት ሌሊት መካከለኛው ማርች ማክሰኞ '
            'ሜጋፓስካል ሪአል ሰከንዶች ሰዓቶች ስፓኒሽ ቀን በርሜል ኒው ንጥል ኛው አውንስ ኪሎግራም ክልል ኮሪያ ወይም የአሜሪካ የካናዳ የደቡብ ያልታወቀ '
            'ደቂቃዎች ጁን ፈረንሳይኛ ሄክታር ሄክቶፓስካል ላቲን ሚሊሜትር ሚሊሰከንድ ሚሊባር ሚሊግራም ማሜ ማስስ ማይለባህር ማይክሮ ማይክሮሰከንድ ሜትሪክ '
            'ሜጋባይት ሩብል ሪፐብሊክ ሱዳን ሴልሺየስ ሴንቲሜትር ስማይል በሰከንድ በየ ቢት ተዳክሞ ቴራባይት ቻይና ቼክ ነበሴሜ ነበኢ ነጥብ ናኖሰከንድ '
            'አየር ኤርዝማስስ ኤከር ኤክር ኦንስስ ከባቢ ኪሎባይት ኪሎፓስካል ዓሠርተ የመምድረ የምዕራብ የምድረ የብርሃን የተባበሩት የታችኛው የኖርዌይ '
            'የአውሮፓ የክብደት የፈረንሳይ የፈሳሽ ጃን ጉልበት ጊጋባይት ግሪክ ፈሎን ፋራንሃይት ፐርሰንት ፒኮሜትር ፓስካል ፖርቹጋልኛ ሃን ህንድ ለሊቶች '
            'ሊትሮች ሊኒያር ሊዎን ሕንድኛ መደበኛ ማላጋስይ ማሰ ማናት ማክሰ ማዕከላዊ ሞንጎሊያኛ ሪፑብሊክ ሱዳንኛ ሲሪያክ ሴንተራል ሴፕቴምበር ሶም ቀለል '
            'ቀኖች በሌሊት በማይል በምሽት ቦሊቫር ቨርጂን ተሉጉ ተዳክሞዎች ቱትቾን ታሚል ታይዋን ኔዘርላንድስ ኔፓል ንጥሎች ኖቬም ኖቬምበር አሞሌ አዲስ '
            'ኤምሬትስ ኤስ ኤፕሪል እኩለ ኦክቶበር ኦውጉያ ኦዲያ ኦገስ ኦገስት ከአ ክላሲክ ክሮና ክሮን ኮሩና ኮሪያኛ ኮፕቲክ ዎን ዓለም ዓመተ ዓሠ የሀሰት '
            'የሚመነዘር የሜክሲኮ የሞሪቴኒያ የሞሮኮ የሱዳን የሳኦ የሴራሊዎን የስዊዝ የቤላሩስያ የብራዚል የቬንዝዌላ የቻይና የናይጄሪያ የን የአልጄሪያ '
            'የአስተዳደር የአውስትራሊያ የእንግሊዝ የኩባ የዛምቢያ የጋና የጥንታዊ የፈጉ የፎክላንድ ዩናይትድ ዲሴም ዲሴምበር ጂብራልተር ጆርጂያ ግዛት '
            'ፊደላት '
        ),
    },
    'az': {
        'label': 'az',
        'spaced': True,
        'function': (
        ),
        'content': (
            'ərzində öncə cənubi və frankası saniyə gecə anqola axşamı cümə dərəcə işıq markası '
            'pesetası çərşənbə dəqiqə belçika qərbi azərbaycan kvanzası nöqtə qədim şərqi ertəsi həftə '
            'dəq günəş gürcüstan herseqovina i̇sveçrə makedoniya mərakeş mərkəzi rumıniya türkiyə '
            'türkmənistan unsiyası yəmən əfqanıstan birləşmiş civə dirhəmi dobrası kütləsi lirəsi '
            'ugiyası şənbə əfqanisi ərəb cənub dili latın milliqram müqəddəs naməlum qədimi seyşel '
            'banqladeş bəhreyn cü ermənistan hissə hissəcik ingiliscəsi polineziyası qazaxıstan '
            'qırğızıstan sinqapur səudiyyə tobaqo özbəkistan əlcəzair amerikası buşel cəbəli dövrə '
            'düşən dəyişik dəyşirik karbovenesası kilometrə kiloqram kordobası latı lempirası mikroqram '
            'mikrosaniyə millisaniyə nairası nanosaniyə nqultrumu qram qrivnası quneanası qüvvəsi '
            'rufiyası stəkan talonası xal xörək çevrilən şərq əsr antilyası avqust britaniyanın bəə '
            'dekabr dər erməni fevral gecəyarı iyul iyun kricəsi latını mart monqol novası noyabr '
            'oktyabr portuqalcası pəncab respublikası sadələşmiş sentyabr səhər yanvar yüksək '
            'əmirlikləri ənənəvi əraziləri adacıqlar adıgey alonkincəsi araqon avstralı bataqlıq '
            'başqırd bəluc cəbəllütariq dieqo dillər fransanın fələstin hanqıl həmin idiş interlinqve '
            'işarət kaledoniya keltcəsi klinqon krallıq kürdcə kəşmir latış lepçə linqala ləhçəsi ləzgi '
            'manipüri millətlər monqo monqolustan müasir məndinqo məzmunu nöqtələr nəcd nəqri oğam '
            'pəhləvi qalisiya qarsiya qlaqolitik qorontalo qotik qrenadinlər qırğız qızıl qətər rayonu '
            'recəng ronqoronqo sanqo sayı suahilicəsi səsləri tamazicəsi tonqo toqo türkcəsi türkmən '
            'təzə təşkilatı yunanıstan yuxarı çoxsaylı çərkəz özbək ümumi şəqri əlifbası ərazisi '
            'ərəbcəsi ərəbistanı əvvəl əzrində '
        ),
    },
    'be': {
        'label': 'be',
        'spaced': True,
        'function': (
        ),
        'content': (
            'мілі імп гадз долараў лыжкі астравы цалі дынар астравоў дэс кубічныя кіламетраў рупіі '
            'гадзіну гадзіны квадратныя кілават унцыі фунтаў брыт кіламетр паўднёвая прынсіпі зямлі '
            'паўночная франкаў франкі кропкі рыял аў востраў гады дынара дынараў кіламетры ночы шылінг '
            'аб афрыка кубічны футаў хвіліны цаляў адзінкі азія брытанскія дэцылітр калорыі метраў '
            'нядзелі папуа пятніцы тыдз тэрмы амерыканскія арыяры босніі гадзін гадоў гвінеі '
            'герцагавіны гпа еўропа кубкі лоці мпа па праміле рыяла рыялаў рыялы седзі стэрлінгаў сіл '
            'сіла трынідада тэнге унцыя фалклендскіх фарэнгейта цэльсія часткі ярдаў аджыбвэ амерыка '
            'аўторак аўторкаў аўторкі балівар беларускі вадкія вуглавыя дз дэсертныя квачы кубінскае '
            'кіламетра кітайскі леонскі маўрытанская метрычныя міліграм невядомай нядзель нямецкая '
            'панядзелак панядзелкаў панядзелкі пятніц рэгіён сонечныя тыдзень унцый чацвяргоў чацвяргі '
            'шылінга шылінгаў шылінгі амерыканская бахрэйнскі брытанскіх гадзіна градусаў дробкі '
            'кварталаў кроплі кубкаў кілакалорыі кітай літраў мальдыўская месяцаў мілісекунды начэй '
            'паўднёва пікселяў пінтаў рублёў рублі рэспубліка сантыметраў свяцільнасці суткі турэцкая '
            'тыдняў тэрм тэрмаў тэрыторыі украінская хвілін інданезійская аддаленыя адзінак адзінка '
            'азербайджанскі албанскі алжырскі аманскі амерыканскіх амерыкі антыльскі аргенцінскае '
            'армянскі арубанскі астранамічныя афганскі афрыканская афшорны аўстралійскі аўторка '
            'багамскі багамскія базісныя балгарскі балівара балівараў балівары барбадаскі барэль барэлі '
            'беларускага беларускіх беларускія белізскі бермудскі бермудскія бразільскі брунейскі '
            'брытанскай брытанскі бурундзійскі бутанскі біты вадкіх вануацкі венгерскі венесуальскі '
            'венесуэльскі вердэ віргінскія галонаў гамбійскі ганконгскі ганскі гаянскі гаіцянскі '
            'гватэмальскі гвінейскі гектапаскалі грузінскі грыўня грыўні гуджараці гульдэн гі '
            'гібралтарскі гігабіты гігават гігагерц дамініканскае джоўлі джыбуційскі дзень '
            'дзесяцігоддзе дзесяцігоддзі дзён добраў драхмаў дырхамаў дэнар дэсертнай дэцылітры '
            'дэцыметры егіпецкі еменскі етнамскі еўрапейская заходнеафрыканскі казахстанскі калорыя '
            'калумбійскае камбаджыйскі каморскі каморскія канадскі канадскіх канверсоўнае канверсоўная '
            'канверсоўных канверсоўныя '
        ),
    },
    'br': {
        'label': 'br',
        'spaced': True,
        'function': (
            'aliesañ amañ amzer anezhañ anezhe anezhi anezho anvet ar araozañ araozo araozomp araozon '
            'araozor araozout arbenn azirazañ bastañ benn bennozh berzh bet bezañ bezh bihan biskoazh '
            'bouez brasañ bremañ dalbezh damheñvel daou daoust daouzek daouzekvet dastrewiñ davetañ '
            'deus dezhañ dezhe dezhi dezho diabarzh dienn digantañ dindanañ dioutañ diouzh diouzhin '
            'diouzhit diouzhomp diouzhor dirazañ disheñvel disterañ diwar diwezhat diwezhañ doue douez '
            'draoñ dreistañ dreñv egetañ eizh emaomp emaon emaout emañ emezañ emporzhiañ ennañ eo eomp '
            'eont eor eot estrañj eus eveltañ evidomp evitañ eñ fenn fezh fouilhezañ ganeomp ganit gant '
            'gantañ ganti ganto gentañ geñver gorre goude gouez gouezit gouezomp greiz grenn greomp '
            'groñs gwazh gwech gwechall gwechoù gwell gwezh gwezhall gwezharall gwezhoù gêr hag hañ '
            'hañval hebioù hemañ henn hennezh '
        ),
        'content': (
            'benn zo ar diñs unanenn lurioù oñs jediñ zollaroù eilenn sizh norzh liñvel zinaroù '
            'gurunenn kurunenn besoioù dibenn piñs unanennoù deiz meurzh breizh cʼhurunenn frañs '
            'gurunennoù moneiz roubloù roupioù gant izelvroioù metroù miltirioù oñsoù unaniezh '
            'viltirioù vloaz alamaneg amprouiñ bloaz eurioù gouloù hentoù litroù loaiadoù nerzh '
            'santimetroù yardoù esaouenn escudoioù genaoz saozneg shillingoù vetroù buanadur derezioù '
            'florinoù galorienn gilometroù kilometroù meutadoù nanoeilenn pikselioù rialoù sizhunioù '
            'troatadoù vanatoù varkoù veutadoù viz zerezioù akroù besetaoù bikoù bloavezh cʼhreiz '
            'droatadoù eilennoù goude gwachaoù gwanzaoù hieroglifoù levoù piñsad stadoù vizioù vloazioù '
            'volivaroù vunutoù wonoù zeizioù afghanioù amperoù arouezioù añ bikselioù bintoù dakenn '
            'dasadoù dolzadoù donennoù drimiziadoù elektronvoltoù eost euroioù furlongoù gallonoù '
            'galoriennoù garatoù gardoù gilowattoù golónoù gordobaoù gyatoù hag hallonoù halorienn '
            'hektaroù hektolitroù hektopaskaloù hertzoù jouloù kafe kalorienn kaloriennoù karatoù '
            'kardoù kilowattoù lekoù leoneoù luksoù lumenoù lunioù nanoeilennoù nanometroù newtonoù '
            'ohmoù oktedoù ouguiyaoù pikoù pintoù radianoù sadornioù santilitroù silabennaoueg skinoù '
            'skoulmoù somoù sulioù tasadoù tolzadoù tonennoù veticaloù veurzh veurzhioù volivianoioù '
            'voltoù wattoù wenerioù yaouioù yezh yuanoù zenaroù zirhamoù zlotyoù zobraoù zongoù zrakmoù '
            'achineg albaneg amerikaoù aragoneg ariaryoù armenianeg aroumaneg arpitaneg asturianeg '
            'atmosferoù balineg barilhoù baroù barsekoù baskaloù batacaoù baʻangaoù berrskriverezh '
            'betaoktedoù bikometroù bitoù biñsad biñsadoù bloavezhioù bloazioù boentoù boezelladoù '
            'brezhoneg broadoù bulaoù cʼhompezennoù cʼhourdeoù dakaoù dakennoù dalaoù dalonasoù '
            'daltonoù daneg deizioù dekvloavezhiadoù dengeoù derabitoù deraoktedoù dermiennoù '
            'desilitroù desimetroù diyezh dolaroù douaroù dounamoù droioù dugrikoù ekweleoù '
            'emirelezhioù esaouennoù filipineg fiñsad forintoù frioulaneg fromlunioù gandelaoù gantved '
            'gantvedoù gelvinoù gennheñvel gigabitoù gigahertzoù gigaoktedoù gigawattoù gilobitoù '
            'gilogrammoù gilohertzoù gilojouloù gilokaloriennoù gilooktedoù gilopaskaloù ginaoù gipoù '
            'gouezelek gourhedadoù grammoù gresianeg '
        ),
    },
    'cy': {
        'label': 'cy',
        'spaced': True,
        'function': (
        ),
        'content': (
            'yn dydd yr awr gwlad newydd ynysoedd gwener chw mawrth ewropeaidd chwarter llwy modfedd '
            'dwyrain flynyddoedd iseldiroedd pwys cyfred droedfedd fôr troedfedd fodfedd pwysau '
            'arabaidd gweriniaeth ynys blwyddyn blynedd iorddonen iwerddon milltiroedd norwy pwyl '
            'ailgymhwysedig cyfansawdd cyfrifo degawd flynedd fwrdd seryddol sosialaidd weriniaeth '
            'chwart gorllewinol modfeddi troedfeddi chwarteri flwyddyn phwys dotiau hwyr mlynedd '
            'permyriad blynyddoedd bwys cwpaneidiau daleithiau ddiwrnod ddwyrain galwyni gwyddeleg '
            'gwyryf japaneaidd throedfedd ydd arapaho argraffyddol armenaidd arwyddion canadaidd '
            'canaraidd canrifoedd cenhedloedd chmeraidd chwartiau chwater chwateri chwef chwefror '
            'cilobeitiau cilowatiau coreaidd cyffredin cymraeg cynnwys ddid dedwydd deuddydd droedfeddi '
            'foltiau georgaidd groegaidd gwe gwjarataidd gyda ieithyddol ionawr laoaidd meysydd misoedd '
            'mongolaidd myanmaraidd notiau orïaidd palesteinaidd pwyleg pwyntiau pwysi rhagfyr '
            'sinhanaidd syllwyddor tachwedd tamilaidd tibetaidd tiroedd tsieineaidd tyrcmenistan watiau '
            'wyddeleg zoroastriaid '
        ),
    },
    'eo': {
        'label': 'eo',
        'spaced': True,
        'function': (
            'adiaŭ ajn al ankoraŭ antaŭ aŭ bonan bonvole bonvolu deka doktoro dum eble ekz ekzemple '
            'estas estis estos estu estus eĉ feliĉan fraŭlino havas havis havos havu havus ili ilia '
            'ilian ilin ion iujn iun jam jes kaj ke kio kion kiu kiujn kiun kvankam kvazaŭ la li lia '
            'lian lin malantaŭ malgraŭ mem mi mia mian min naŭ naŭa ne nek nenio nenion neniu neniun ni '
            'nia nian nin nun nur oka oni onia onian onin plej pli plu sed sia sian sinjorino sinjoro '
            'supren tio tion tiu tiujn tiun tuj tute unu unua verŝajne vi vian vin ĉi ĉio ĉion ĉiu '
            'ĉiujn ĉiun ĉu ĝi ĝia ĝian ĝin ĝis ĵus ŝi ŝia ŝin '
        ),
        'content': (
            'antaŭ kaj kvadrataj mi franca aŭ jarkvarono kilometroj sankta ĉina angla eŭropo okcidenta '
            'centimetroj coloj dimanĉo eŭropa futoj germana horoj jardoj jaro jaroj mejloj metroj '
            'minutoj monatoj sekundoj semajno semajnoj tagoj ĵaŭdo ŝilingo jarcent nokt nokto oĝibva '
            'regiono svisa unuiĝintaj akreoj astronomiaj azerbajĝana aŭstralia bajtoj bitoj celsiaj '
            'decimetroj dimanĉoj emirlandoj fiĝia gigabajtoj gigabitoj gradoj gramoj guĝarata hektaroj '
            'insuloj jarcentoj jardekoj jarkvaronoj kazaĥa kilobajtoj kilobitoj kilogramoj klaftoj '
            'kvaĉo laŭa litroj lumjaroj lundoj mardoj marmejloj megabajtoj megabitoj merkredoj '
            'mikrometroj milimetroj milisekundoj nanometroj nia niĝeria noktoj oceanio parsekoj '
            'pikometroj pseŭdo sabatoj simpligita stadioj taĝika terabajtoj terabitoj tuĉona unuoj '
            'vendredoj virgulininsuloj ĉeĥa ĵaŭdoj abĥaza ajnua alĝeria alĝerio amerikoj antarkto '
            'antigvo arabujo arĝento azerbajĝano aĉea aŭg aŭgusto aŭstra aŭstralazio aŭstralio aŭstrujo '
            'bahamoj bangladeŝa bangladeŝo baŝkira belizo bermudoj bisaŭo boĝpura britaj brunejo buĝia '
            'ceŭto dominiko ekaĝuka eksterlanda ekvatora ekvatorafrika emoĝioj eŭro eŭrozono eŭska '
            'falklandoj ferooj filipinoj fiĝoj forinto gabono gernezejo grenadinoj gviĉina halkomelema '
            'hangulo haŭsa hektaro hiligajnona honkonga honkongo inguŝa insuletoj insulo interlingvao '
            'interlingveo inversdirekta januaro jarcento juanoj julio kajkoj kajmana kajuga kalenĝina '
            'kamboĝa kamboĝo kanarioj karaĉaj kataro kaĉina kaĵun kaŝmira kejmanoj keĉua kimaĉame '
            'kinŝasa kipo kokosinsuloj komoroj kristnaskinsulo kukinsuloj kun laŝucida lingvo lingvoj '
            'liĥtenŝtejno lumjaro malgrandaj malproksimaj malsuprasoraba mankinsulo manksa mapuĉa '
            'marianoj martiniko marĉa marŝala marŝaloj maŭrica maŭricia maŭricio maŭritania maŭritanujo '
            'minankabaŭa miĉifa mjaŭa mokŝa mozambiko nacioj naĝda nelingvaĵo nikaragvo niĝerio niĝero '
            'njanĝa nordokcidenta norfolkinsulo notacio okcident okcidentafrika okcitana pacifika '
            'palaŭa palaŭo panĝaba pasamakvodja paŝtua pikometro piĝino raĝastana respubliko reĝlando '
            'rohinĝa romanĉa saliŝa salomonoj sandviĉinsuloj sejŝela sejŝeloj sieraleono silabaroj '
            'simboloj supersignoj suprasoraba svedujo svisgermana svisujo '
        ),
    },
    'et': {
        'label': 'et',
        'spaced': True,
        'function': (
            'ei kas kui kõik mida mis olen oli oma seda siin ära '
        ),
        'content': (
            'pärast eest kohta dinaar lõuna brasiilia dinaari prantsuse sudaani ameerika euroopa põhja '
            'kilomeetri konverteeritav iisraeli mosambiigi saared saksa albaania hispaania krooni liir '
            'lääne makedoonia türgi aserbaidžaani kesk päeva sentimeetri tšiili aasia boliivar '
            'elavhõbedasammast etioopia jaapani kariibi kvatša luksemburgi läti riaali saarte ööd aasta '
            'eesti horvaatia itaalia konverteeritavat küprose leedu määramata nigeeria rootsi soome '
            'tšehhi afgaani dominikaani esmaspäeva filipiini gruusia jordaania kiri kolmapäeva komoori '
            'kraadi laupäeva libeeria liibüa liiter liitri meremaa neljapäeva paapua pühapäeva '
            'saalomoni saar svaasimaa teisipäeva vabariik arvestusühik boliivarit detsiliitri '
            'hieroglüüfkiri iraani kraadid kreoolkeel kvatšat kõrgõzstani kõva liibanoni liitrid '
            'liitrit meetrid meetrit piirkond raadiust rahaühik ruudu skandinaavia suurbritannia '
            'sümbolid venemaa välismaine ühendemiraatide afgaanit alamsaksa eküü erihalduspiirkond '
            'esmaspäev fääri heebrea hobujõud horvaadi hõbedat jaava jalg jalga juuli juuni jõunael '
            'jüaani karaadid khmeeri kilomeeter kilomeetrid kilomeetrit kirikuslaavi kivi kolmapäev '
            'kolooni kristust kuud laupäev lihtsustatud lineaarkiri meetriline meetrilised meetrilist '
            'millimeetrid millimeetrit märts mõõdustik neljapäev okeaania pallaadiumit pindid päev '
            'pühapäev raadius raidkiri raskuskiirendus reaal soojusühik sõlm teisipäev traditsiooniline '
            'täispööre tüpograafiline tšerokii vanapärsia või aastad aastas aastat afrikaani ahvenamaa '
            'albaani aleuudi aromuuni arveldusfrank astuuria asu atmosfäär atmosfääri atmosfäärid '
            'atšehi belutši bretooni burjaadi dekaadi dekaadid detsember detsiliiter detsiliitrid '
            'detsiliitrit detsimeeter detsimeetrid detsimeetrit filipiinid fraktuurkiri gagauusi graani '
            'hektoliiter hektoliitrid hektoliitrit hobujõudu hõbe idafriisi idasüüria iirimaa iisrael '
            'jaan jaanuar jaapan jao juudiaraabia juudipärsia järgmise jõulusaar jõunaela jõunaelad '
            'kaaresekundid kaledoonia kalmõki keel keelt keskdusuni keskhollandi keskiiri keskinglise '
            'keskjupiki keskodžibvei keskprantsuse keskpäev keskpäeval kesköö keskööl keskülemsaksa '
            'kiilkiri kiirkiri kilogramm kirjakeel kirjakeeleta kivid komoorid kookossaared koosa '
            'kumõki kursiivkiri kuupjalg kuupjalga kuupjardid kuupkilomeeter kuupkilomeetrid '
            'kuupkilomeetrit kuupmeetri kuupmeetrid kuupmeetrit kuupsentimeeter kuupsentimeetri '
            'kuupsentimeetrid '
        ),
    },
    'eu': {
        'label': 'eu',
        'spaced': True,
        'function': (
            'bat batean batzuei batzuek batzuetan batzuk bere dago dira ditu dute edo egin ere eta '
            'gutxi guzti hauei hauetan horrek izan zen zenbait zenbat zer zergatik ziren zituen zuek '
            'zuen zuten '
        ),
        'content': (
            'bakoitzeko barru ontza ezkutu europako eta berria hegoaldeko mendebaldeko uharteak egun '
            'urte ekialdeko eguzki erdialdeko bihurgarria frankoa ezezaguna finantzarioa hazbeteko '
            'iparraldeko koilar lek letoniako lituaniako mozambiketar txiletar uhartea arabiera txinako '
            'urrezko albaniar asteazken batuetako britainiar eguerd errumaniar gaztelania graduak '
            'hiruhileko hiruhilekoa kroaziar marokoar poloniar txinatar txinatarra txinera alemaniako '
            'argitasun aztertzeko batuak bielorrusiako eguna eskandinaviar eskubide finantza gaueko '
            'gineako goizeko haraindikoa idazkera indexatuak kanadako koilaratxokada metrikoak milako '
            'mozambiketarra potentzia suitzako txekoslovakiako txiletarra uharte ameriketako armeniar '
            'asteartea asteazkena bosniar burundiar edo gineaberriar hizkuntza inskripzioak kaloriak '
            'kuwaitar marokoarra mauritaniako mauritaniar mauriziar minutuak ontzak paladiozko '
            'sinplifikatua suitzar txikiak txupito zilarrezko abendua abuztua aebetako ahomera '
            'amerikarrak anatoliarrak arratsaldea arratsaldeko atlaseko australiako austriako aza '
            'azaroa batasuna batua britainiarrak burundi burundiarra carolinako dago demokratikoa '
            'egipto eguerdia eguerdiko egunak ekuador ekuatore elementuak elizako erdiko erreformatua '
            'errunikoa eskandinaviarrak eskoziako eskoziera eskualde eskualdea etzana eurogunea euskara '
            'eweera eza fluidoak fonetikoa frantzia gaelikoa gauak gineaberriarra goizaldea goizaldeko '
            'gotikoa gramoak grekoa helenako hieroglifikoak idazketa iluntzea iluntzeko indiako '
            'iparraldea itsasarteetako japoniarrak kakoa kanariak kanpoaldeko karibeko katangako '
            'khitanerako kilokaloriak kimbundua kitxua koa koadroa kornubiera kuwait kuwaitarra '
            'laurdenak lautadetako leptxa liburua luleko maiatza markoa martxoa masaiera mendeak '
            'metrikoa metroak mikrogramoak milibarrak miligramoak milimetroak monako mooseko mundua '
            'najdeko nigeriako notazioa ohikoa okupatuak orduak osmaiera otsaila paladioa platinozko '
            'principeko puntuak samburuera sandaweera sasiazentuak serbiera seychelleetako suitza '
            'suitzarra tipografikoa tomeko txad txakma txamera txamorroera txeieneera txekiera '
            'txetxenera txile txina txupitoa txupitoak umbundua urdua urria urt urtarrila urteak uzt '
            'uztaila vaiera verdeko zambiako zenbait zingiretako zirilikoa '
        ),
    },
    'fy': {
        'label': 'fy',
        'spaced': True,
        'function': (
        ),
        'content': (
            'oer sûd oere pûn fjouwerkante jier fearnsjier arabysk russyske joegoslavyske oeren '
            'arabyske belgyske bosnyske frysk frânsk karibysk ljochtjier syrysk uruguayaanske dútske '
            'georgyske gûne indyske kanadeesk koptysk kroatyske macedonyske malagassyske moldavyske '
            'nederlân nederlânsk ruslân russysk samysk servyske syrillysk turkse abchazysk albaneesk '
            'aldfrânsk aldpermysk aldprusysk alsheechdútsk amearika anatolyske aragoneesk asturysk '
            'australysk australyske avarysk avestysk baskysk bosnysk bouveteilân caymaneilânske cyprysk '
            'demotysk djiboutiaanske dútslân eastenrykse eilânnen estlân estlânsk estlânske ethiopysk '
            'ethiopyske falklâneilannen falklâneilânske fan ferienfâldich finlân foar foenisysk '
            'friulysk gaelysk galisysk gilberteesk gotysk grienlân grienlâns grikelân grykse guyaanske '
            'heechdútsk herfoarme ierlân indonesyske israëlysk israëlyske italysk kaapverdysk '
            'kaapverdyske kanaryske kantoneesk karelysk karibyske karysk kirgizyske kroatysk letlân '
            'letlâns lezgysk libyske linguïstyske lycysk maaie macedonysk malagasysk maldivyske '
            'maleisyske manicheaansk meitei micronesyske middelfrânsk middelheechdútsk middelnederlânsk '
            'moldavysk monegaskyske namibyske nederlânske nedersorbysk norfolkeilân oegaritysk oerig '
            'omaanske paraguayaanske rhodesyske sardinysk seelân seelânske servysk silesysk '
            'socialistyske soemerysk somalyske swazilân swazyske switserlân syprysk sûdlike sûdoost '
            'thailân tsjechyske tsjetsjeensk tsjoevasjysk tunesyske vaticaanstêd votysk wrâld yndonesië '
            'yndonezysk ynhâld yslân yslâns yslânske âldingelsk ålân ôflizzen '
        ),
    },
    'ga': {
        'label': 'ga',
        'spaced': True,
        'function': (
            'agus ceathrar chomh céad cúig cúigear faoi faoin faoina leis mé níor sibh sé thú tríocha '
            'tú '
        ),
        'content': (
            'oileáin rúipí agus chiúbacha súdáine bulgáire cearnach oileán bealarúise impiriúil domh '
            'mhéadar ráithe domhain impiriúla pheiriú bhfranc ciúbach cóiré halbáine hasarbaiseáine '
            'rómáine rúise láir méadar óir bhl bliain chéad céadaoin gráinne airgeadra fháclainne '
            'gcéadaoin hastráile hondúras méadrach nigéire néimíríochtaí tríonóide tuircméanastáine '
            'táidsíceastáine vanuatú airgeadúil bhairéin bhrúiné botsuáine burúine bútáine casacstáine '
            'chuáit chéadaoin cirgeastáine colóime danmhairge domhnaigh ghráinne guáine haetóipe '
            'hafganastáine hailgéire hiamáice hiaráice hiaráine hiodáile hiordáine hiúgsláive hungáire '
            'híoslainne húcráine húisbéiceastáine imrothlú libéire liobáine liotuáine macadóine maláive '
            'mbahámaí meán mháirt milliún moldóive mongóile noileán pacastáine poblachta polainne '
            'salvadóire seapáine seoirsia shéalainne shóivéadaigh slóivéine somáile spáinne tansáine '
            'téalainne téaváine túinéise bhliain béarla domhnach heicteár hoirghearmáine meánchiorclaí '
            'mhais nanaiméadar sáimis aghaidh cearnacha chiúbach ciúbacha ctú dhéardaoin gcéad '
            'gearmáinis meiriceá méadair spáinnis óisibis ceintiméadair ceintiméadar chiligiúl críocha '
            'fhlóirín gceintiméadar ghearmáinis hoileáin mhiollaimpéar phiciméadar íochtarach amháin '
            'bhéarla blianta ceathrúna chaighdeánach chóiré ciligiúl cupáin cóis deiciméadar eacuadóir '
            'flóirín freaslainnis fómhair galúin ghearmáin hiondúis ionúitis iúil micriméadar '
            'miollaimpéar méadracha ndomh ndéardaoin ngráinne puinseáibis riaracháin réalteolaíoch '
            'sainréigiún sútúis tonnaí tseoirsia tsúdáin abcáisis acáidis acáinis aetóip aetóipic '
            'aetóipis afganastáin afracáinis afáiris aibreán aidhniúis ailgéir ailiúitis airgead '
            'airgeadais airgeadaíochta albáin albáinis amáiris aragóinis arapachóis arómáinis '
            'asarbaiseáin asarbaiseáinis astraláise astráil astúiris asúis aváiris bahámaí bailíoch '
            'balcáiris baváiris bealarúisis beangáilis bhealarúis bhflóirín bhotsuáin bhrasaíl bhulgáir '
            'bhurúin bhútáin bpiciméadar briotáinis brúiné buiriáitis bulgáiris bódóis cacóis '
            'caisiúibis canúiris catalóinis ceanada ceanadach cearnaithe cearta ceathrú chaladóin '
            'chasacstáin chirgeastáin cholóim chríost ciambúis cilighiotáin ciligiúil ciméarach '
            'ciméiris ciocúis cliarúil comharthaí concáinis congóis críoch críol críostóir curúicis '
            'cuáit cáirt cóiréach cóiréis cóisis cúimicis daltúin danmhairg danmhairgis deascabhála '
        ),
    },
    'gd': {
        'label': 'gd',
        'spaced': True,
        'function': (
        ),
        'content': (
            'spàin eòrpach tròidh baidht bheinisealach cruaidh sìombabuthach uruguaidheach albàineach '
            'leòmhannach moratàineach nuaidh sgrìobhadh sàimbitheach àile eòro mìos rèideas seachdain '
            'didòmhnaich eilbheiseach suraidheac taidh uruguaidh àisia bachraineach baidhtean '
            'burundaidheach ceineach cìorgasach diobùtaidheach eadailteach eòlach eòrpa fìor gearmailte '
            'guidheànach haidhteach inbheistidh malabhaidheach malaidheach nuadh paraguaidheach seachd '
            'tansanaidheach tàidheach tìomorach calaraidh chalaraidh cìoprasach sheachd spàinean sudàin '
            'albàinis brùthadh eadailtis frìoslannais mìosan seachdainean sheachdain tàidh ìochdarach '
            'bhaidht bheurla bhoillsgeachd bhrùthadh boillsgeachd calaraidhean chileabaidht '
            'chileacalaraidh chrìosta chumhachd cileabaidht cileacalaraidh cumhachd dhidòmhnaich '
            'dùbhlachd eòrothan haidhti rèideasan snaidh aig aintìoga albàinia aonadh bhealaruis bheilg '
            'bheilìs bheiniseala bheinisis bhreatainn boillsgeachdan burundaidh cileabaidhtean '
            'cileacalaraidhean cumhachdan cìopras cìorgastan deàrsaidh diobùtaidh dèidh eilbheis '
            'eilbheise elymaidheach geàrnsaidh gnìomhairean gàidhlig leòmhann malabhaidh malaidhis '
            'malaidhsea mhicdhòmhnaill milimòlaichean monadh mìosa mòlaichean nibheis palastaineach '
            'paraguaidh phoblachd phòlainn poblachd rìoghachd samhlaidhean sgrìobhaidhean sgrìobhte '
            'shudàin sàimbia sìombab uachdarach èirinn '
        ),
    },
    'gl': {
        'label': 'gl',
        'spaced': True,
        'function': (
            'así aínda coa contigo cunha cunhas dalgunha dalgunhas dalgún dalgúns dos dunha dunhas eran '
            'estar lle miña miñas nunha nunhas para pero polo que sobre súa súas tamén teus teñen teño '
            'tido tiña túa túas unha unhas ó '
        ),
        'content': (
            'cadrados unidades áfrica dos píxeles suízo unidade descoñecida galóns millóns papúa '
            'quilocalorías tailandés cóctel millón píxel ucraína culleradiñas forzas mañá neerlandés '
            'neozelandés quilocaloría quilojoule quilojoules revolucións rexión ruandés siríaco ugandés '
            'xuño aborixe alemaña austríaco caloría colóns croacia culleradiña cunha descoñecidas '
            'descoñecido despois febreiro galego holandés irlandés islandés letóns marroquís mirandés '
            'nacións revolución suíza suízos tigriña ucraínas ucraíno xapón xul xullo '
        ),
    },
    'gu': {
        'label': 'gu',
        'spaced': True,
        'function': (
            'અંગે અંદર અથવા અને અમને અમારું અમે અહીં આ આગળ આથી આનું આને આપણને આપણું આપણે આપી આર આવી આવે '
            'ઉપર ઉભા ઊંચે ઊભું એ એક એન એના એનાં એની એનું એને એનો એમ એવા એવાં એવી એવું એવો ઓછું કંઈક કઈ '
            'કયું કયો કરતાં કરવું કરી કરીએ કરું કરે કરેલું કર્યા કર્યાં કર્યું કર્યો કાંઈ કે કેટલું કેમ '
            'કેવી કેવું કોઈ કોઈક કોણ કોણે કોને ક્યાં ક્યારે ગઈ ગયા ગયાં ગયું ગયો ઘણું છતાં છું છે છેક '
            'છો જ જાય જી જેટલું જેને જેમ જેવી જેવું જેવો જો જોઈએ જ્યાં જ્યારે ઝાઝું તને તમને તમારું તમે '
            'તા તારાથી તારામાં તારું તું તે તેં તેઓ તેણે તેથી તેના તેની તેનું તેને તેમ તેમનું તેમને '
            'તેવી તેવું તો ત્યાં ત્યારે થતા '
        ),
        'content': (
            'પ્રતિ પહેલાં ચોરસ ઘન મીટર કિમી માઇલ કલાક પાઉન્ડ કિલોમીટર ઔંસ અને આઇલેન્ડ્સ ગૅલન દક્ષિણ ફૂટ '
            'ડોલર સેન્ટિમીટર સેમી ફ્રેંક રાત ઇમ્પીરિયલ લિટર પશ્ચિમી પ્રવાહી માઈલ મી મે મેટ્રિક વર્ષ '
            'સેકન્ડ ઉત્તરી કપ કિલોવૉટ ચો ડૉટ દિનાર પિક્સેલ પિન્ટ પેસો મધ્ય લાઇટ વાર સૌર અબજ આફ્રિકા ગુ '
            'ભાગ સેંટ અંગ્રેજી અઠ અમેરિકા અરબી આફ્રિકન ક્રી જર્મન દિવસ મિનિટ ઈમ્પે એકર એશિયા કેલરી ગેલન '
            'ઘનતા ટન ડિગ્રી ડેઝર્ટ ડૉલર ન્યૂટન ફ્રેંચ બળ બ્રિટિશ મિલિગ્રામ મિલિમીટર યુનિટ લીટર લેટિન સે '
            'સેકંડ સ્પૂન ઉત્તર ગ્રામ જૂની ત્રિમાસ ત્રિમાસિક યુરોપ રૂપી સામી સોમ સ્ટોન અજ્ઞાત અઠવાડિયા '
            'આઇલેન્ડ કણ કિગ્રા કિલોગ્રામ કેનેડિયન કોંગો કોરિયન ગિની ચાપમિનિટ ડ્રામ દિરહામ પહલવી પૂર્વ '
            'પોઈન્ટ મહિના મિ મિલિબાર મિલિમોલ મિલિયન યુનાઇટેડ રશિયન રિયાલ રૂબલ શિલિંગ સદી સેન્ટ્રલ '
            'સ્પેનિશ સ્વિસ μગ્રામ અંશ અથવા અમેરિકન આઇલેંડ્સ ઇજિપ્શિયન ઇલેક્ટ્રોનવૉલ્ટ એમ્પીયર ઓલ્ડ ઓહ્મ '
            'કિલોકેલરી કિલોજૂલ કિલોપાસ્કલ કિલોબાઇટ કિલોબિટ કિલોહર્ટ્ઝ કૅરેટ કેન્ડેલા કેરેટ કેલ્વિન '
            'ક્રોએશિયન ક્વાચા ક્વાર્ટ ક્વૉર્ટ ખગોળીય ગીગાબાઇટ ગીગાબિટ ગીગાવૉટ ગીગાહર્ટ્ઝ ગુરુ ગુરુવાર '
            'ગ્રીક ગ્રેન ચપટી ચાપસેકન્ડ ચીન જાપાનીઝ જિગર જુની જૂલ જ્યોર્જિઅન ટકા ટાકા ટીસ્પૂન ટેબલસ્પૂન '
            'ટેરાબાઇટ ટેરાબિટ ટૉમ ટ્રોય ડનમ ડાલ્ટન ડેમી ડેસિમીટર ડેસિલિટર ડેસિલીટર ડ્રોપ તાઇ તેજસ્વિતા '
            'ત્રિ ત્રિજ્યા થર્મ થર્મલ દા નેનોમીટર નેનોસેકંડ નૉટિકલ નોટ ન્યુ પરંપરાગત પરમિરિયડ પરસેક '
            'પરિભ્રમણ પારાના પારાનું પાસ્કલ પિસૉમીટર પૂર્વીય પૃથ્વી પોર્ટુગીઝ પ્રકાશ પ્રતિમાઈલ ફર્લાંગ '
            'ફારસી ફૅધમ ફેરનહીટ ફ્રિશિયન ફ્રેન્ચ બાઇટ બાર બિટ બુ બુધ બુધવાર બુશલ બેરલ બેલારુશિયન બોફર્ટ '
            'બ્રિટીશ મં મંગળ મંગળવાર માઇક્રોગ્રામ માઇક્રોમીટર માઇક્રોસેકંડ મિગ્રા મિમી મિલિએમ્પીયર '
            'મિલિલીટર મિલિવૉટ મિલિસેકન્ડ મેગાપાસ્કલ મેગાપિક્સેલ મેગાબાઇટ મેગાબિટ મેગાલીટર મેગાવૉટ '
            'મેગાહર્ટ્ઝ મોંગોલિયન મોરોક્કન મોલ મ્યાંમાર યુરોપિયન રવિ રવિવાર લક્સ લૂમેન લો વર્ગ વસ્તુ '
            'વાતાવરણ '
        ),
    },
    'hr': {
        'label': 'hr',
        'spaced': True,
        'function': (
            'biti hoće hoćete hoćeš hoću iz jedna jedne jesmo joj još kako kao koja koje kojima koju '
            'naš naša nema neće nećete neću nije njega njegov njegova njegovo njemu njezin njezina '
            'njezino njihov njihova njihovo njim njima njoj prije svi svoj svoja svoje tvoj već će ćete '
            'ću što '
        ),
        'content': (
            'prije rijala europska rijal kvadratni američki južni noć račun točke bolivijski kvadratnih '
            'meksički noći španjolska belgijski brazilskih financijski godina godine južna '
            'konvertibilna otok svjetlo urugvajski četvrtina četvrtine bjeloruska europske europskih '
            'marokanski mozambijski obračunska poljska sjeverna sjeverni vijetnamski švicarski dijelovi '
            'hrvatska hrvatski južnoafrički metričke milijun mjeseci polumjera rumunjski sljedeći '
            'stupnjevi tekuće tekućine točaka španjolski američkih argentinskih belgijskih bjeloruski '
            'bjeloruskih bolivijano bolivijska bolivijskih desetljeća ekvatorskih financijska '
            'financijskih francuskih haićanski istočna jezik jugoslavenskih južnoafrička kongoanski '
            'maldivijska meksičkih mjesec mjeseca mozambijskih nedjelja nizozemski njemačka njemački '
            'peruanskih područje polumjer rumunjska sijeraleonskih srijeda stoljeća stupanj stupnja '
            'stupnjeva sudanskih svjetala svjetla svjetlosne tjedan tjedana tjedna ukrajinski '
            'urugvajska urugvajskih venezuelanskih četvrtak španjolske španjolskih azerbajdžanskih '
            'bjeloruske bolivijana britanskih bugarskih dijela dijelova djevičanski etiopski europski '
            'gambijski ganskih godinu gruzijskih hrivnja hrvatskih indonezijska islandskih '
            'istočnokaripski istočnonjemačka jemenskih južnoafričkih kenijski kineskih kubanskih '
            'letonskih libijski litavskih malavijska malezijski marokanskih mauricijska metričkih '
            'namibijski nautičke nedjelje nedjelju nikaragvanskih nizozemska novozelandski noću '
            'obračunskih paladij paragvajski perzijski polinezija poljske poljskih ponedjeljka ponoć '
            'poslije radijana rumunjskih ruskih saudijska saudijski sirije složena srijede srijedu '
            'surinamskih tekuća tekućih timorski turkmenistanskih turskih ugandskih ukrajinskih '
            'vanuatski vijetnamska vijetnamskih zairskih zambijskih zemljine zlatni zlatnih četvrtaka '
            'četvrtka čileanskih švicarska albanskih alžirskih američke andorskih aravački armenskih '
            'arupskih austrija austrijskih avestički bahamskih barbadoskih baskijski belizeanskih '
            'belučki bermudskih bitovi bjelorusija bocvanskih burjatski burmanskih butanskih celzijev '
            'celzijeva celzijevi celzijevih ciparskih danskih desetljeće dominikanskih donjonjemački '
            'države egipatskih estonskih etiopska etiopskih etiopsko falklandskih ferojski fidžijskih '
            'filipinskih finskih galicijski gambijskih gibraltarskih gijana godišnje gornjolužički '
            'gornjonjemački gotičko grčke grčki grčkih gudžaratski gvajanskih gvinejskobisauskih '
            'haićanska haićanskih havajski hrivnje hrivnji hrvatske indijskih indonezija indonezijske '
        ),
    },
    'hy': {
        'label': 'hy',
        'spaced': True,
        'function': (
            'այդ այլ այն այս դու դուք եմ են ենք ես եք է էի էին էինք էիր էիք էր ըստ թ ի ին իսկ իր կամ '
            'համար հետ հետո մենք մեջ մի ն նա նաև նրա նրանք որ որը որոնք որպես ու ում պիտի վրա և '
        ),
        'content': (
            'վրա առաջ քառակուսի կմ մղ ու հետո մղոն խորանարդ դոլար մետր ֆունտ ֆտ կղզիներ անգլիական '
            'հարավային մատ գալ սմ հյուսիսային փինթ գդալ եռմս ժամ ից կիլոմետր մատնաչափ ունկի վայրկյան օր '
            'ֆուտ կիլոմետրի յդ անգլ կար յարդ շաբ շաբաթ րոպե փիքսել ֆրանկ աստիճան արեգակնային գիշեր '
            'եռամսյակ լիտր կետ կիլովատտ կվտ հին պեսո սանտիմետր սանտիմետրի ագ ակր գալոնի գերմաներեն '
            'դինար դլ կալ կղզի հեղուկ հնգ մաս մատնաչափի մգ մլ մվտ վրկ քվարտ ամերիկյան ամն արևմտյան '
            'աֆրիկա բաժակ բար բիթ բրիտանական դրամ ժամում մբ միույթ մոլ նոր ուժ ռուփի սյան աղանդերի '
            'ամերիկա անգլերեն անհայտ ասիա արաբերեն գալոն երկ զանգված ըստ ծովային կալորիա կարատ '
            'կենտրոնական կտ մետրիկ միավոր միլիգրամ միլիմետր մմ նյուտոն շառավիղ սնդիկի վոլտ տարի տոննա '
            'րդ քրի ֆնտ ֆրանսերեն ամիս արևելյան բուշել բջմ գբ գբիթ գհց դունամ եվրոպա երեքշաբթի '
            'երկուշաբթի երք էվ լք կբ կբիթ կգ կիր կիրակի կկալ կհց կպա կջ հա հինգշաբթի հլ հղ հպա հց մա '
            'մբիթ մթն մկգ մհց մմլրդվ մմոլ մմվ մպա յրդ շբթ ուրբաթ չինարեն չորեքշաբթի չրք պա պտ պտղունց '
            'ջիգեր ռադ ռիալ ռուբլի սաամի սլ օհմ ամս բայթ բելառուսական բու գվինեա դա դիրհամ իսպաներեն '
            'լիտրի կանադական կրոն միացյալ նորվեգերեն շիլինգ շվեյցարական ուրբ պբ սան սթ սուրբ '
            'վայրկյանում ակրոֆուտ ամեր ամյակ ամպեր աստղագիտական արաբական արժույթ բահտ բոտսվանական '
            'բոֆորտ գիգաբայթ գիգաբիթ գիգահերց գիգավատտ գվտ գրամ գրան դալտոն դար դեցիլիտր դեցիլիտրի '
            'դեցիմետր դմ դյմ դյույմի եվրոպական երկրի էլեկտրոն էրիթրեական ընդհանուր թաիլանդական թգ թեյի '
            'լեոնե լմ լյումեն լյուքս լուսատարի լուսատվություն ծով կաթիլ կանդելա կդ կելվին կիլոբայթ '
            'կիլոբիթ կիլոգրամ կիլոկալորիա կիլոհերց կիլոպասկալ կիլոջոուլ կղզիների կմչ կսմ կսմվ կվաչա '
            'կրոնա հանգույց '
        ),
    },
    'ka': {
        'label': 'ka',
        'spaced': True,
        'function': (
        ),
        'content': (
            'წინ მილი დოლარი კმ კუბური კვადრატული ფრანკი დუიმი კოვზი კუნძულები და სამხრეთ სმ დინარი '
            'ბრიტ ფუტი ძველი წმ მეტრი ფუნტი დუიმზე იარდი უნცია ახალი სთ ერთეული იმპ პესო ღამე ჩრდილოეთ '
            'ბრიტანული კილომეტრი რადიუსი გრადუსი დმ ფტ გალონი თხევადი კვ ლიტრი მეტრული ფრანგული წთ '
            'კვადრატულ მზის პინტა პიქსელი საათში სირიული წერტ წერტილი ჭიქა არაბული გირვანქა დასავლეთ '
            'კვირის მგ ნაწილი რუბლი აფრიკა ბრაზილიური გალ ინგლისური კვარტალი კრი რუპია საათი ჩინური '
            'წამში აზია აკრი აღმოსავლეთ გალონზე გულდენი დედამიწის დესერტის დლ დრაქმა დღე ვერცხლისწყლის '
            'ზე კალ კალორია კარატი კვარტ კვარტი კვტსთ კრონა კუნძული მასა მეტრ მილიგრამი მილიმეტრი მმ '
            'პქს სანტიმეტრზე სანტიმეტრი სხივიერობა უცნობი ფნტ შილინგი ცენტრალური ძალა წელი გერმანული '
            'ევროპა ევროპული ესპანური კანადური კვირაში კილომეტრში ლათინური მკგ პორტუგალიური საშუალო '
            'ტონა ამერიკა ანგოლური ბერძნული გაერთიანებული გვინეა ეგვიპტური ემი ენა ესკუდო თვე თურქული '
            'იაპონური ირლანდიური კარ კვანზა კვირა კვრ კონვერტირებადი კორეული კოსტა ლირა მანათი მარკა '
            'მილიარდზე მილიონზე ნორვეგიული პბაიტი რეგიონი რიალი საამური სან სპარსული ტაი ფალაური '
            'ქართული შვეიცარიული აზერბაიჯანული აკრ ამერიკის ამერიკული არამეული არგენტინული ასტრონომიული '
            'ატმ აფრიკული ბაიტი ბარელი ბარი ბელგიური ბიტი ბოლივარი ბოსნია ბოფორტი ბრნ ბრუნვა ბსე '
            'ბულგარული ბუშელი გბიტი გვტ გიგაბაიტი გიგაბიტი გიგავატი გიგაჰერცი გრამი გრანი გჰც დალტონი '
            'დეკადა დეცილიტრზე დეცილიტრი დეციმეტრი დუნამი დღეში ევ ელექტრონვოლტი ვატი ვატუ ვენესუელის '
            'ვოლტი ვრც ვტ ვწყ ზემოგერმანული თერმი თვეში ინ ინერციის იუგოსლავიური კანადა კანდელა კბიტი '
            'კდ კვანძი კვარტა კვარტალში კვტ კვძ კილობაიტი კილობიტი კილოგრამი კილოვატ კილოვატი '
            'კილოკალორია კილომეტრზე კილოპასკალი კილოჯოული კილოჰერცი კკალ კოლონი კონგო კპა კრეოლური '
            'კრუზეირო კუნძულების კჯ კჰც ლაოსური ლატვიური ლეონე ლეუ ლიტრზე ლუმენი ლუქსემბურგის ლუქსი '
            'მავრიტანული მბარი მბიტი მგვტ მეგაბაიტი მეგაბიტი მეგავატი მეგალ მეგალიტრი '
        ),
    },
    'kk': {
        'label': 'kk',
        'spaced': True,
        'function': (
        ),
        'content': (
            'тілі жазуы кейін бұрын шаршы аралдары оңтүстік сағ сантиметр солтүстік және сағат жарық '
            'күш батыс метрлік тоқсан градусы тқс қытай орталық рупиясы сұйық шығыс ақш бағанасы '
            'белгісіз британдық жм жс теңіз қас қасық еуропа жыл бірлігі жұм скандинавиялық судан түйін '
            'қасығы аймағы астрономиялық бірлік біріккен гравитациялық жарықтығы жылу жылы жұма күші '
            'латын манаты миллиондық пайыз сәрсенбі тамшы түнгі түстен төменгі унциясы шөкім ғасыр '
            'әзірбайжан аймақ аймақтары айырбасталмалы америкалық ауғанстан африканың ағылшын ақпан '
            'біздің бөлік добрасы дәстүрлі еуропалық жазба жалған жапон жапония желтоқсан жеңілдетілген '
            'жылдан жұмадан канадалық кейінгі күннен лейі леонесі линиялық мен наурыз норвегиялық палау '
            'парсы сан сант сағаттан сыртқы сәуір таңғы тың тіл түрік угиясы шілде қазан қазақстан '
            'қараша қаңтар қыркүйек қырғызстан ұйғыр әулие айына америкасы аптасына арабиясы '
            'арабиясының аралдарының ақп балқар батпақты башқұрт бразилиялық бірнеше дейін донгі '
            'етілген еуроаймақ жазбалары жазықтағы жалпы жел жердің жоғарғы жоқ жылына жүйелі '
            'заманымызға злотасы иенасы иероглифтері каролиналық кеняң кордобасы кіші күніне лариі легі '
            'лирасы мазмұны маркасы марокколық математикалық миллиардтағы мұра мұхитындағы найрасы '
            'накфасы нигериялық ниуа ноғай одақ патакасы пау пахау полинезиясы руфиясы сантали сағатына '
            'седиі сейшельдік секундына субсахаралық сәу такасы таласы таң таңбалар теңгесі '
            'типографиялық тугригі тілдік түркия түркі түрікмен тәжік фонетикалық францияның шағын '
            'швейцариялық шекелі шотландиялық шіл шіркеулік экваторлық эльбасан эфиопиялық қаз қазақ '
            'қазіргі қалмақ қар қарашай қарақалпақ қаң қыр қырғыз құмық құрама ұйымы ұлттар ұлыбритания '
            'әдеби әлем әмірліктері әмірліктерінің әскенжін өзбек '
        ),
    },
    'km': {
        'label': 'km',
        'spaced': False,
        'function': (
        ),
        'content': (
            'កោះ ដុល្លារ ខាង មួយ វិនាទី ការ៉េ ក្នុង គីឡូម៉ែត្រ និង មុន ម៉ែត្រ ម៉ោង ផោន យប់ ហ្វ្រង់ '
            'ពន្លឺ អាមេរិក ត្រីមាសទី អ៊ីញ កាលពី ឆ្នាំ អឺរ៉ុប ក្នុងពេល គម ចិន ជើង ឌីណា ត្បូង នាទី បារាំង '
            'ម៉ាយ រៀល លីត្រ សង់ទីម៉ែត្រ ស៊ូដង់ ហ្វីត អង់គ្លេស អោន ម៉ ហ្គាឡុង អក្សរ អាស៊ី ការ៉ាត់ កាឡូរី '
            'កូរ៉េ គីឡូវ៉ាត់ គូប ចំណុចក្នុង ជប៉ុន ន័រវែស បង់ក្លាដែស បេឡារុស ភិចស៊ែលក្នុង ភូមា មីក្រូ '
            'ម៉ុងហ្គោលី ម៉ូល យ៉ាត រូម៉ានី លី សាម័រ សាំង ស៊ីលិញ ស្លាបព្រា ហឺត ហ្សកហ្ស៊ី អង្សា អា អាមេនី '
            'អាហ្វ្រិក កាណាដា ការ៉ាប៊ីន កុងហ្គោ កើត ខែ ចក្រភព ចំណុច តុងហ្គា ត្រីមាស នៅពេល ប៉ូឡូញ ប៉េរូ '
            'ប្រេស៊ីល ពុធ ម៉ុលដាវី ម៉ូរីតានី រុស្ស៊ី រ៉ូបល លិច លីទុយអានី លីប៊ី វៀតណាម វ៉េណេស៊ុយអេឡា '
            'សប្ដាហ៍ សម សុក្រ សូម៉ាលី សៀរ៉ាឡេអូន សេះ សៅតូម៉េ សៅរ៍ ស៊ីរី ស៊ុយអែត ហុងគ្រី ហូឡង់ ហៃទី '
            'ហ្គីណេ អង្គារ អាទិត្យ អារ៉ាប់ អាល់បានី អាស៊ែបៃហ្សង់ អេត្យូពី អេស្ប៉ាញ អ៊ីមភៀរៀលហ្គាឡុង '
            'អ៊ីរ៉ង់ អ៊ីស្លង់ អ៊ុយក្រែន កក្កដា កញ្ញា កណ្ដាល កម្ពុជា កម្លាំង កាត់ កានដេឡា កាប់វែរ កាហ្វេ '
            'កាហ្សាក់ស្ថាន កាំផែនដី កុម្ភៈ កូម័រ កូស្តារីកា កៀហ្ស៊ីស៊ីស្ថាន កេនយ៉ា ក្នុងមួយគីឡូម៉ែត្រ '
            'ក្រាម ក្រិក ក្រូណា ក្រូណេ ក្រូអាត ក្វាចា ក្វាត ក្វាតេម៉ាឡា ខាងត្បូង ខាណាដា ខែលវិន ខ្មែរ '
            'គីឡូកាឡូរី គីឡូក្រាម គីឡូបៃ គីឡូប៉ាស្កាល់ គីឡូប៊ីត គីឡូវ៉ាត់ម៉ោងក្នុង គីឡូស៊ូល គីឡូហឺត '
            'គ្រាប់ គ្រិស្តសករាជ គ្រីខាងកើត ចន្ទ ចាក់ម៉ា ច្បិច ឆែក ជីកហ្គឺរ ជីកាបៃ ជីកាប៊ីត ជីកាវ៉ាត់ '
            'ជីកាហឺត ជីប៊ូទី ជ្វា ញូវ៉ូសូល ដម ដាណឺម៉ាក ដឺក្រេ ដេស៊ីម៉ែត្រ ដេស៊ីលីត្រ ដែនដី ឌូណាម ឌូប្រា '
            'ឌៀរហាំ ណត់ ណាណូម៉ែត្រ ណាណូវិនាទី ណាមីប៊ី ណូទិកម៉ាយ ណូរូ តង់សានី តាមីល តាហ្ស៊ីគីស្ថាន តុលា '
            'តួកម៉េនីស្ថាន តេរ៉ាប៊ីត តៃវ៉ាន់ តោនម៉ែត្រ តោនអាមេរិក តំណក់ តំបន់រដ្ឋបាលពិសេសចិន ត្រយ ត្រាម '
            'ត្រាមរាវ ត្រី ថ្ងៃអាទិត្យ ទសវត្សរ៍ ទីបេ ទូវ៉ាលូ ទំនាញ ធ្នូ និងប្រាំងស៊ីប នីហ្សេរីយ៉ា នូវែល '
            'នេប៉ាល់ នៅ បម្លែង បរិយាកាស បាន បាបាដុស បាយ បារ បារត បារ៉ែន បាលី បាហាម៉ា បុតស្វាណា បូលីវី '
            'បូស្ន៊ី បេលី បៃ ប៉ាណាម៉ា ប៉ារ៉ាហ្គាយ ប៉ាស្កាល់ ប៉េតាបៃ ប៊ីត ប៊ឺមុយដា ប៊ុលហ្ការី ប៊ូរុនឌី '
            'ប៊ូលីវ៉ា ប៊ូសែល ផាសិក ផ្នែកក្នុងមួយប៊ីលាន ផ្នែកក្នុងមួយលាន ពីកូម៉ែត្រ ពេញ ពែង ព័រទុយហ្កាល់ '
            'ព័រទុយហ្គាល់ ព្រហស្បតិ៍ ព្រឹក ភាគរយ ភិចស៊ែល ភីន មករា '
        ),
    },
    'kn': {
        'label': 'kn',
        'spaced': True,
        'function': (
        ),
        'content': (
            'ಗಳು ಡಾಲರ್ ಪ್ರತಿ ಮೀ ಕಿ ಲೀ ಹಿಂದೆ ಪೌಂಡ್ ಮೆ ಫ್ರಾಂಕ್ ಮಿ ಗೆ ಸೆ ಚದರ ದಿನಾರ್ ಕಿಮೀ ವ್ಯಾ ದಕ್ಷಿಣ ಬಿ ಮೈ '
            'ಬೈ ಮತ್ತು ಕಿಲೋಮೀಟರ್ ಮೀಟರ್ ಲೀಟರ್ ಘನ ನ್ಯೂ ಪರ್ ರಿಯಲ್ ಸೆಂಟಿಮೀಟರ್ ದ್ವೀಪಗಳು ಅಡಿ ಗಿ ಪೆಸೊ ಮಧ್ಯ '
            'ಉತ್ತರ ಗಂ ಗ್ಯಾಲನ್ ಮೈಲುಗಳು ಸೆಕೆಂಡ್ ಸ್ಪೂ ಎಲ್ ಔನ್ಸ್ ಪ್ರಾಚೀನ ಫೋರ್ಸ್ ಆರ್ಕ್ ಗ್ರಾಂ ಟನ್ ಪಶ್ಚಿಮ '
            'ಶಿಲ್ಲಿಂಗ್ ಸ್ಪೂನ್ ಹೆ ಅಂ ಡೆ ಪೂರ್ವ ಬಾರ್ ಸೆಕೆಂ ಅಂಗುಲಗಳು ಕ್ಯಾಲೊ ಗಳಿಗೆ ಗ್ಯಾ ಟೆ ಡಾಟ್ ತ್ರೈ ಫ್ರೆಂಚ್ '
            'ಮೆಟ್ರಿಕ್ ಸೇಂಟ್ ಇಂಪಿರಿಯಲ್ ಕಪ್ ಕಿಲೋವ್ಯಾಟ್ ಜೌ ಡ್ರಾಮ್ ಪಿಂಟ್ ಬಿಎಫ್ ಮಿಮೀ ರೂಬಲ್ ಲೈಟ್ ಸೆಂ ಆಫ್ರಿಕಾ '
            'ಗಜಗಳು ನಾ ಪಿ ಪೆಸೊಗಳು ಪ್ಯಾ ಫ್ಲೂ ಬ್ರಿಟಿಷ್ ಭೂಮಿಯ ಮೋಲ್ ಯುಎಸ್ ಕಿವ್ಯಾಗಂ ಕ್ರೀ ಗಂಟೆಗೆ ಜರ್ಮನ್ ಜಿ '
            'ಟೋಮ್ ಡಿಗ್ರಿ ಪಾಯಿಂಟ್ ಬಿಟ್ ಭಾ ಲಿಯೋನ್ ಲ್ಯಾಂಡ್ ವೋಲ್ಟ್ ಸೆಮೀ ಸೋಲಾರ್ ಇಂಚ್ ಎಕರೆ ಕಲ್ಲು ಕೆಜಿ ಗಂಟೆ '
            'ಗಂಟೆಗಳು ಗ್ರಾಂಗಳು ಚೈನೀಸ್ ಟಿ ಟ್ರಾ ಡಿ ಡೆಸರ್ಟ್ ಡೆಸಿಲೀಟರ್ ಡ್ರಾಪ್ ಥಾಯ್ ದ್ವೀಪಗಳ ನ್ಯಾ ನ್ಯೂಟನ್ '
            'ಪರಿವರ್ತನೀಯ ಪ್ರಿನ್ಸಿಪ್ ಬು ಬೆಲಾರುಸಿಯನ್ ಬೊಲಿವರ್ ಮರ್ಕ್ಯು ಮರ್ಕ್ಯುರಿ ಮಿಲಿಮೀಟರ್ ಮೈಲು ಮೌರೀಶಿಯನಿಯನ್ '
            'ರುಪೀ ರೇಡಿ ಲಿಯೋನಿಯನ್ ಲ್ಯಾಟಿನ್ ವಸ್ತು ವೆನಿಜುಲಿಯನ್ ಸಾವೊ ಸಿಯೆರಾ ಸ್ವಿಸ್ ಅಪರಿಚಿತ ಅರೇಬಿಕ್ ಆಫ್ '
            'ಇಂಗ್ಲಿಷ್ ಎಂಪಿಎ ಎಫ್ ಎಲ್ಎಮ್ ಕಾ ಕೆಪಿಎ ಕೆರೀಬಿಯನ್ ಕ್ಯಾ ಕ್ಯಾಂ ಕ್ಯೂಬಾದ ಕ್ವಾಚ ಗಜ ಗ್ರಾ ಗ್ರೇನ್ '
            'ಡಿಪಿಸಿಎಂ ತಿರುಗು ತ್ರೈಮಾಸಿಕ ಥರ್ಮ್ಸ್ ದ್ವೀಪ ನಿಮಿ ಪಾ ಪಾರ್ ಪಿಂ ಪಿಂಚ್ ಪಿಕ್ಸೆಲ್ ಪೆಬೈ ಪೌಂ ಫ್ಲೂಯ್ಡ್ '
            'ಬೈಟ್ ಭಾಪ್ರಮಿ ಮಿಗ್ರಾಂ ಮೇ ಮೈಲಿಗಳು ಯೂರೋಪ್ ರಾತ್ರಿ ರಾತ್ರಿಗಳು ವರ್ಷ ವರ್ಷಗಳು ವಾತಾವರಣ ವೋ ಸಿರಿಯಾಕ್ '
            'ಹಂಗೇರಿಯನ್ ಹರ್ಟ್ಸ್ ಹೆಚ್ ಅಂಗುಲ ಅಮೇರಿಕಾ ಅರ್ಜೆಂಟಿನಾ ಆಫ್ರಿಕನ್ ಆಫ್ರಿಕಾದ ಆಸ್ಟ್ರೇಲಿಯನ್ ಇಂಚಿಗೆ ಇಂಪಿ '
            'ಈಜಿಪ್ಟಿಯನ್ ಉಕ್ರೇನಿಯನ್ ಎಕ್ಸ್ ಎಲೆಕ್ಟ್ರಾನ್ ಎವೋ ಎಸ್ ಒಗಿಯ ಕಾಂಗ್ ಕಾರ ಕೇಪ್ ಕೊಮೊರಿಯನ್ ಕೊರಿಯನ್ '
            'ಕ್ಯಾರೆಟ್ ಕ್ಯೂಬಿಕ್ ಕ್ರಿ ಕ್ರೋನ್ ಗಣರಾಜ್ಯ ಗಿನಿಯನ್ ಗಿಬ್ರಾಲ್ಟರ್ ಜಾಂಬಿಯಾ ಟೊಬಾಗೊ ಟ್ರಿನಿಡಾಡ್ ಡಾಟ್ಸ್ '
            'ಡ್ಯಾನಿಶ್ ತಿಂ ತಿಂಗಳು ತೈವಾನ್ ತ್ರಿಜ್ಯ ತ್ರೈಮಾಸಿಕಗಳಲ್ಲಿ ದೃ ದೊಬ್ರಾ ನೇ ಪರ್ಶಿಯನ್ ಪಾರ್ಟ್ಸ್ '
            'ಪಿಕ್ಸೆಲ್ಸ್ ಪೊಲಿಶ್ ಫಾಕ್ ಫಿಜಿಯನ್ ಬಲ್ಗೇರಿಯನ್ ಬಿಲಿಯನ್ ಬೋಟ್ಸ್ ಬೋಸ್ನಿಯಾ ಬ್ಯಾರೆಲ್ ಬ್ರೂನಿ '
            'ಬ್ರೆಜಿಲಿಯನ್ ಮನಾತ್ ಮಲಗಾಸಿ ಮಾ ಮಾಸ್ ಮಿಲಿಯನ್ ಮ್ಯಾನ್ಮಾರ್ ರುಪಿ ರೊಮೇನಿಯನ್ ಲಕ್ಸ್ '
        ),
    },
    'ku': {
        'label': 'ku',
        'spaced': True,
        'function': (
        ),
        'content': (
            'dolarê giravên dolarên frankê başûrî dînarê pesoyê lîreyê rûpîyê afrîkaya yê berî mîl serê '
            'frankên kevanî kronê pesoyên rîyalê dînarên şîlîngê kîlometre lîreyên rûpîyên yên çînî '
            'bakurî japonî kubayî leoneyî yekbûyî bakurê dinyayê ermenî ewropayê kareyê kronên moxolî '
            'rîyalên santîmetre afrîkayê amerîkaya amerîkî arnawidî asyayê belarûsî bulgarî dîrhemê '
            'erebî fasî fransizî kongoyî krîya kwaçayê leoneyê makedonî misirî myanmarî nepalî '
            'nîjeryayî ozbekî rojhilatî rûsî sirbî siûdî somalî somê srî swêdî tirkmenî tirkî vîetnamî '
            'wonê xirwatî yûanê çekî şîlîngên amerîkayê angolayî antîlê arjantînî arubayî astronomîk '
            'awistralyayî bahamayî barbadosî başûrê behreynê behrê belîzeyî bengladeşî bermûdayî '
            'birûndîyî bolîvyayî botswanayî brezîlyayî brîtanî brûneyî bûtanî cezayîrî cfpî cîbûtîyî '
            'danîmarkî domînîkî efxanistanî endonezî erîtreyî etyopyayî fîjîyî fîlîpînî gambîyayî '
            'ganayî guatemalayî guayanayî gurcistanî gîbraltarê gîneyî haîtîyî helenayî hersekî '
            'hindistanî holandî hondurasî jamaîkayî kamboçyayî kanadayî kenyayî keymanî komoranî kongî '
            'kuweytî lankayî laosî lesothoyî libnanî lîberyayî lîbyayî macarî madagaskarî malawîyê '
            'maldîvayî malezyayî manatê maûrîtîûsê meksîkayî moldovayî morîtanyayî mozambîkî mîkrometre '
            'mîla mîlîmetre namîbyayî norwecî nîkaraguayî pakistanî panamayî papûayî paragûayî pereyî '
            'perûyî piştî polonyayî principeyî qazaxistanî qeterî qirxizistanî rojavayê rojhilatê '
            'romanyayî ronahîyê rwandayî rîkayî sedî seyşelerî solomonî somonî surînamî swazîlî swîsrî '
            'sîngapurî sûdanî sûrî tacikistanî tanzanî taylandî taywanî tobagoyî tonganî tûnisî urdunî '
            'vanûatûyî venezuelayî verdeyî yemenî zambîyayî zelandayî çînîya îraqî îslandayî îsraîlî '
            'ûgandayî ûkraynî ûrûgûayî şîlîyê bahtê balboayê bengalî bolîvarê bolîvyanoyê brîtanyayê '
            'bîrê cedîyê dalasîyê deqeyê dobrayê dramê dîrhemên efxanîyê florînê forîntê frenkê fîjî '
            'grîvnayê guldenê gurcî gûaranîyê gûrdeyê haîtî herêmên hindî kannadayî kevneşopî kolonê '
            'kordobayê kurdî kwanzayê kwaçayên kyatê kînayê kîpê kûnayê larîyê latînî lekê lempîrayê '
            'leoneyên levê lotîyê lîlangenîyê markê '
        ),
    },
    'ky': {
        'label': 'ky',
        'spaced': True,
        'function': (
        ),
        'content': (
            'кийин аралдары доллары түштүк жана түндүк түн жарык жазуу мүн франкы күчү жаңы жер жм '
            'аралы белгисиз секундасына сымап мүнөт айд дүйш жекшемб метрикалык түштөн америкалык '
            'аркмүн аркмүнөт астрономиялык аттын бирдиги бирдик бөлүк графикалык деңиз дүйшөмбү жазуусу '
            'жекшемби жылуулук күндүн оордук республикасы түйүн чөйчөк үчүн айдан аймактары аралдарынын '
            'бириккен дүйшөмбүдөн жапан жар жасалма жумадан жөнөкөйлөштүрүлгөн кийинки '
            'конвертациялануучу кыргызстан күндөн массалары менен мүнөттөн никарагуа сааттан салттуу '
            'таңкы тилде тилдери тилинде түркмөнстан чөлкөм азыркы аймак аймарача аймунча айына акшнын '
            'америкасы аптасына аралынын аргындашкан башкырча белгилер бир бирдиктери биримдиги бирма '
            'доңу дүй дүйнө евразиялык жазылбаган жалпы жапон жерси жогорку индейлер ичинде канадалык '
            'каролиналык кванзасы кечинде кинасы колумбиядагы кубанын кыргызча күнүнө математикалык '
            'метикалы милясына муун муус мүнөтүнө океанындагы орус пуласы сириялык сырткы тараптуу '
            'территориясы тилдер тилдик түнүнө түркмөнчө түркс түшт түштүктөгү улуу франциялык '
            'франциянын чөлкөмү шотладиялык штаттар штаттары эксперименталдык эмираттары эмираттарынын '
            'өлкөлөрү өрөөндүк '
        ),
    },
    'lb': {
        'label': 'lb',
        'spaced': True,
        'function': (
        ),
        'content': (
            'franséisch joer peruaneschen wäissrussesche griichesch argentinesche britescht däitsch '
            'franséische kubanesche lettesche mauretaneschen nicaraguanesche polneschen sudanesescht '
            'wäissrussesch argentinesch armenesch egyptescht fir lëtzebuerger neiséiland peruanesch '
            'polnesch schwäizer äerdacceleratioun albanesche argentineschen armeneschen chilenesche '
            'chileneschen eritréieschen europäescht franséischen guinéiesche irescht kambodschanesche '
            'kanadescht laoteschen libanesescht liberianeschen mauretanesch neiguinéiesche '
            'nigerianeschen omanesche osmanesch päerdsstäerkten slowenesch sloweneschen '
            'sonnerzéiungsrecht sowjetesche syrescht ukrainesche ukraineschen éisträichesche adygéiesch '
            'alfranséisch algerescht alhéichdäitsch amerikanescht aserbaidschanesch australescht '
            'botswanesch brasilianescht chrëschtdagsinsel däitschland déi eritréiesch frankräich '
            'guinéiesch héichdäitsch iranesch kabardinesch karibescht konvertéierbar kornesch '
            'kosraeanesch lëtzebuerg lëtzebuergesch mordwinesch mäerz méisproocheg mëttelfranséisch '
            'mëttelhéichdäitsch nautesche neiguinéiesch nidderdäitsch oncodéiert pennsylvaniadäitsch '
            'plattdäitsch regioun schottescht schrëftwäert schwäiz schwäizerdäitsch '
            'sonnerzéiungsrechter sowjetesch srananesch unioun walliserdäitsch wallounesch '
            'wäissrussland zoroastrianescht éisträich éisträichesch éisträichescht '
        ),
    },
    'ml': {
        'label': 'ml',
        'spaced': True,
        'function': (
        ),
        'content': (
            'മീ സെ കി ഫ്രാങ്ക് മി ഇഞ്ച് സ് ലി മുമ്പ് ഡോളർ ചതുരശ്ര മെ മൈ മൈൽ അടി ദിനാർ ഗ്രാം മീറ്റർ വാ '
            'പൗണ്ട് കിലോമീറ്റർ ക്യൂബിക് ഹെ യൂറോപ്യൻ ബ്രസീലിയൻ മണിക്കൂർ യൂണിറ്റ് ലിറ്റർ ഓഫ് ഗാ ദ്വീപുകൾ '
            'ന്യൂ പാദം പി അംഗോളൻ അക്കൌണ്ട് ഡി ദിവസം ബി സെക്കൻഡ് ഇംപീ ഗാലൺ ഡിഗ്രി പെ പൈ ഔൺസ് കാരറ്റ് '
            'ചൈനീസ് പാ പ്രാചീന ഫാ ഫ്രഞ്ച് ലക്സംബർഗ് സ്പാനിഷ് കലോ കിലോവാട്ട് കിഴക്കൻ ഗിനിയ ജർമൻ ഡെ '
            'പെയ്സോ പെസോ ബിറ്റ് മെട്രിക് യൂഗോസ്ലേവിയൻ വെ ഹാർഡ് എസ് കൈമാറ്റം ടൺ തായ് പഴയ പൌണ്ട് '
            'ഫിനാൻഷ്യൽ ഫ്രാങ്ക്സ് ഫ്രെഞ്ച് ബെൽജിയൻ മദ്ധ്യ രാത്രി വാര സെന്റ് ഹെക് അർജൻറീൻ ഇംഗ്ലീഷ് '
            'ഇക്വഡോർ ക്രീ ക്വാൻസ ഗിനി ജി ജൂ ഡോട്ട്സ് ദക്ഷിണ ദിനാർസ് പോർച്ചുഗീസ് ബൈറ്റ് ബൊളീവിയൻ '
            'ബ്രിട്ടീഷ് ഷില്ലിംഗ് സിയെറ സെന്റീമീറ്റർ അജ്ഞാത ആഫ്രിക്ക ആഴ്ച ആർക്ക് ഉക്രേനിയൻ ഏക്കർ ഐറിഷ് '
            'കപ്പ് കലോറി ക്രുസെയ്റോ ഗി ഗ്രീക്ക് ചതു ഡെസിലിറ്റർ ദ്വീപ് നാ പശ്ചിമ പസെയ്റ്റ പാർട് പൂ പൂൺ '
            'പെറൂവിയൻ പൈന്റ് മനത് മാസം മിനിറ്റ് മില്ലിഗ്രാം മില്ലീമീറ്റർ മെർക്കുറി മൗറിറ്റേനിയൻ '
            'യൂണിഡാഡ് രാത്രികൾ റിയാൽ ലിയോണിയൻ ലിറ വാലർ വർഷം സെന്റിമീറ്റ സൈറിയൻ അറബിക് ഇറ്റാലിയൻ കനേഡിയൻ '
            'ക്രുസാഡോ ക്രൊയേഷ്യൻ ചെയ്യാവുന്ന ജോർജ്ജിയൻ ജ്യോ ഡോട്ട് ദുനം നോട്ട് നോവോ പിക്സൽസ് പുരാതന പോ '
            'പ്ര ബാർ ബൾഗേറിയൻ മാ മിമീ യു യുഎസ് യൂണിഡാഡ്സ് യൂണിറ്റ്സ് യൂറോപ്പ് റുപ്പീ ലാറ്റിൻ ലിത്വാനിയൻ '
            'ലിയോൺ സമി സെന്റിമീറ്റർ സെർബിയൻ അമേരിക്ക അമേരിക്കൻ അറ്റ് ആൻഡ് ഇനം ഈജിപ്ഷ്യൻ ഏഷ്യ ഓസ് ഔഗിയ '
            'കാ കിമീ കിലോഗ്രാം കൊറിയൻ കോംഗോ കൺവേർട്ടിബിൾ ഗിനിയൻ ഘാന ചിലിയൻ ജാപ്പനീസ് ജൂൺ ജർമ്മൻ ടെ '
            'തുള്ളി തുർക്കിഷ് തെക്കേ തെക്കൻ ദം ദക്ഷിണാഫ്രിക്കൻ ദശാബ് ദി ദിർഹം നോർവീജിയൻ പിക്സൽ പേർഷ്യൻ '
            'പൗ ഫിന്നിഷ് ഫോഴ്സ് ഫർ ബില്ല്യൺ ബർമീസ് മില്ലിമോൾ മില്ല്യൺ മെക്സിക്കൻ ലെസോതോ സതേൺ സാംബിയൻ '
            'സിംബാബ് സുഡാനീസ് സൈപ്രസ് സൈർ സോളാർ സ്റ്റോ സ്വിസ് ഹെർസഗോവിന അതേ അഫ് അൻഡോറൻ അർമേനിയൻ ആന്റ് '
            'ആഫ്രിക്കൻ ആമ്പിയർ ആർക്ക്മിനിറ്റ് ആർക്ക്സെക്കൻഡ് ഇക്വിറ്റോറിയൽ ഇലക്ട്രോൺവോൾട്ട് ഇസ്രയേലി '
            'ഉച്ച ഉറുഗ്വേ ഉസ് എംബി എക്വീലെ എച്ച് എറിത്രിയൻ എസ്ക്യൂഡോ എസ്റ്റൌനിയൻ ഏക്ക ഐസ് ഒജീബ് ഓം '
        ),
    },
    'mn': {
        'label': 'mn',
        'spaced': True,
        'function': (
        ),
        'content': (
            'гарагийн арлууд цэг хэл хэм хүч баруун долоо хоногийн хуучин метрийн нэгж шингэн шинэ '
            'баасан британийн гэрлийн дулаан дэлхийн улс уур цагт бүс нэгдсэн сарын африкийн жилийн '
            'минутын нэгдүгээр улирлын францын хоёрдугаар цагийн өдрийн америкийн арлуудын гэрл гүрж '
            'зуун зүйл норвегийн оноо принсипигийн скандинавын урсгал фаренгейтын хл цельсийн ын эргэлт '
            'арабын аравдугаар багамын бүгд венесуэлийн гаитийн гуравдугаар долоодугаар доод '
            'дөрөвдүгээр египетийн есдүгээр захиргааны зураасан зургаадугаар канадын карибын коморын '
            'конгогийн кубын наймдугаар нигерийн орнууд румын саудын сейшелийн солонгосын тавдугаар '
            'тэлүгү төвд уламжлалт фолклендийн хорватын хуурмаг хялбаршуулсан хятадын хөрвөгч '
            'энэтхэгийн австралийн агуулгагүй аландын албанийн алжир алжирийн анатолийн анголын '
            'антиллийн арменийн арубын африкаанс байгууллага балбын бангладешийн беларусийн белизийн '
            'бермудын бичвэр бичигдээгүй болгарын боливийн ботсванийн бразилийн бурундийн вануатугийн '
            'вердийн вьетнамын газар гамбийн ганагийн гватемалын гибралтарын гондурасын гүржийн гүрмүх '
            'данийн дирхэм дөрвөлжин европын жибутийн замбийн занабазарын зангилаа зеландын зэргийн '
            'зүйн израилийн индонезийн иракийн иргэдийн исландын кавказийн кайкосын камбожийн карибийн '
            'кенийн колонийн колумбын конгийн кувейтийн күүкийн ланкийн лаосын латвийн либерийн ливийн '
            'литвийн маврикийн мавританийн макаогийн макдональдийн македонийн малавийн малагасийн '
            'малайзын мальдивийн маршаллын мексикийн микронезийн мозамбикийн молдовын мороккогийн '
            'мьянмарын мэн мүүс наг намибийн нгиембүүн нийтлэг никарагуагийн нэг нэгдмэл оманийн оросын '
            'панамын перугийн плэйн польшийн рикагийн руандагийн самоагийн свазиландын сербийн '
            'сингапурын сирийн сомалийн суринамын сэндвичийн сүмийн тажикийн тайванийн тайландын '
            'танзанийн тобагогийн тонгагийн тооллын тунисын туркийн тэмдэгтийн төгрөг угандагийн '
            'узбекийн улсын унгарын уругвайн уугуул фарерын фижигийн халимаг хангыль хануноо хеленагийн '
            'холбоо хэлний хэсгийн цагаан цөлийн чехийн чиглэлт чилийн чуук шаантаг шведийн швейцарийн '
            'шөнөдөө экваторын эмиратын энэтхэг эсвэл этиопын ямайкийн үеийн үндэстний өглөө өдөр өмнөх '
        ),
    },
    'mr': {
        'label': 'mr',
        'spaced': True,
        'function': (
            'अनेक असलयाचे असलेल्या असा असून असे आज आणि आता आपल्या आला आली आले आहे आहेत करून काय काही '
            'केला केली केले गेल्या घेऊन झाला झाली झाले झालेल्या टा तर तरी तसेच ता ती तीन ते तो त्या '
            'त्याचा त्याची त्याच्या त्याना त्यानी त्यामुळे त्री दिली नाही पण पाटील मात्र माहिती मी '
            'म्हणजे म्हणाले म्हणून याचा याची याच्या येणार येत येथील येथे लाख व्यकत सागित्ले सुरू हा ही '
            'हे होणार होत होता होती होते '
        ),
        'content': (
            'येत्या इंच पाउंड घन तास मी बेटे प्रकाश तिमाही व्हेनेझुएला टन त्रिज्या मध्ये स्पून कॅनडियन '
            'क्वाचा ता वर्षे झांबियन झेक नेपाळी पराग्वे फॉकलंड बर्मुडा बोलिव्हार महिन्यामध्ये रुपये '
            'लिऑनचा वॉ स्पॅनिश हेलेना आयरिश आयलंड आयलॅंड कँडेला केल्व्हिन कोलंबियन ग्वाटेमालाचे टीस्पून '
            'टेबलस्पून टेराबिट तिमाहींमध्ये तिमाहीमध्ये दिवसामध्ये नॅनोमीटर नॅनोसेकंद न्यूझीलँड '
            'पर्मिरेड पात पाहलवी फर्लांग फॅ बेलीझ बोलिव्हियन महिने मिलीलीटर मेगाहर्ट्झ लाट्व्हियन वर्ग '
            'वर्षांमध्ये वर्षामध्ये व्हर्डेयन व्होल्ट श्रीलंकन स्कॅन्डीनेव्हियन आठवडा आठवडे '
            'आठवड्यांमध्ये आठवड्यामध्ये आर्कमिनिटे इलेक्ट्रॉनव्होल्ट इलेक्ट्रॉनव्होल्ट्स उरुग्वेचा '
            'कॅनेडियन जू जून टचोन टागालोग डॅनिश तामिळ तासामध्ये देबेली नकली नेदरलँडचा पाऊंड पू प्राचीन '
            'फे बिटीयू बोलिव्हार्स बोलिव्हियानो मल्याळम महिन्यांमध्ये मिनिटे युनायटेड यू लाओ लाट्झ '
            'लिऑनचे लिबियाचा लीलांगेनी व्हर्जिन व्हिएतनामी हिब्रू अँडोरा अंगोला अडिघे अफगाणी अम्हारिक '
            'अलेउत आइसलँड आठवड्यांपूर्वी आठवड्यापूर्वी आयर्लंड आरापाहो इनुकिटुट इनुक्तीटुट इन्नू इबिबिओ '
            'उच्चारणे उरुग्वे उरुग्वेचे उर्दू एर्झ्या एवे ओजिबवा कराचय कांगरी काचिन कायाह कावी कुन्हा '
            'कॅनडा कॅनरी कॅमेरून केयुगा कोत कोर्निश कोलोन्स कोसोव्हो कोस्टा क्पेल्ले गॅन ग्रीनलंड '
            'ग्वाडेलोउपे चाड चिब्चा चेचेन जिएम्बून जोला झुलू झेपोटेक टाला टॅगिश टोक टोकेलाऊ ट्रेलेशिया '
            'डेलावेयर ड्युला तातर तामाशेक तायता ताशेल्हिट तासाव्हाक तिग्रिन्या तिमाहीपूर्वी तुर्किये '
            'तृतीय तॅमॅझायट तेंगे तेतुम तेलगू तोकेलाउ त्याप थायलंड दिवेही दुआला नउरू नावाजो नाही '
            'नॅनोसेक नेदरलँडचे नेपाळ नेव्हिस नॉरफॉक नोव्हें नोव्हेंबर न्यूझीलंड न्हेंगाटू पटाकाज '
            'परिभ्रमणे पलाऊ पश्तो पेरू पोलंड प्युएर्तो प्रोव्हेन्सल फँग फाग्स फिनलंड फिनिश फुट फुलाह '
            'फ्लेमिश बलुची बसा बांगलादेश बांगलादेशी बार्थेलेमी बालोची बाहत बुध बेलारूस बेलिझे '
            'बोलिव्हिया बोलिव्हियानोज ब्राझाविले मंगळ मकाओ मगही मध्यान्ह मलागसी मलावी माखुव्हा मापुची '
            'मायेक मायेन मायोट्टे मिकमॅक मिनिटांमध्ये मिनिटामध्ये मून मॅन मेइतेइ मेरू मेलिला मॉटू '
            'मोल्डाव्हियन मोल्डोव्हा यिद्दिश येन येमबा येमेनी रव्हा रोहिंग्या लाटव्हिया लात्व्हियन लू '
            'लेपचा लेस्ते '
        ),
    },
    'mt': {
        'label': 'mt',
        'spaced': True,
        'function': (
        ),
        'content': (
            'oħra ġurnata magħrufa ġermaniż ġimgħa ħadd franċiż fuq siegħa ċentrali għadda għaddew '
            'għarbi gżira snin iċ norveġiż ċina ċiniż franċiża sagħtejn sigħat skoċċiż tradizzjonali '
            'ġappuniż ġim ġimagħtejn ġimgħat ġm ġranet ħad ħam arġentina aċiniż baluċi brittaniċi diċ '
            'diċembru erbgħa eġizzjan feniċju fiġi fiġjan franċiżi galiċjan gwiċin għarab iżlanda '
            'iżrael kirgiżistan magħquda magħruf mbiegħda niġer niġerja niġerjan oċean oċċitan saħara '
            'taġik ċek ċeka ċili ċipewjan ċipru ġej ġermanja ġn ġordan ġorġjan ġun ħamis ħawajjan '
        ),
    },
    'my': {
        'label': 'my',
        'spaced': False,
        'function': (
        ),
        'content': (
            'ဒေါ်လာ ပေါင် ပြီးခဲ့သည့် ဖရန့် တောင် ပတ်အတွင်း ပီဆို မီတာ မြောက် အာဖရိက ပတ် ပြင်သစ် မိုင် '
            'အနောက် ကျွန်းစု နာရီ လီတာ ဂါလံ ဂျာမန် စက် အမေရိကန် စက္ကန့် ဆူဒန် ပစ်ဆယ် မိနစ် ရူပီး '
            'အင်္ဂလိပ် အလင်း ဥရောပ ကီလိုမီတာ ကွတ် ကွန်ဂို ဂျပန် ဂျော်ဂျီယာ စပိန် ဆာမိ ဆိုလာ ဇွန်း တရုတ် '
            'ဒီနာ နော်ဝေ ဗြိတိသျှသုံး အလယ်ပိုင်း ကနေဒါ ကယ်လိုရီ ကာရက် ကီလိုဝပ် ကြာသပတေး ခရိုဏာ ခွက် '
            'ဂရမ် စနေ ဆောင်တူမေးနှင့် တနင်္ဂနွေ တနင်္လာ တောင်ပိုင်း ထိုင်း ဒရမ် နယူတန် နယ်သာလန် နှစ် '
            'ပရင်စီပီ ပါရှန် ပိုင့် ပေ ပေါ်တူဂီ ဗုဒ္ဓဟူး ဘီလာရုစ် မထ္ထရစ် မီလီဂရမ် မြန်မာ ရက် ရူဘယ် '
            'လာအို သုံးလပတ် သောကြာ သျှီလင် အချိုပွဲဇွန်း အင်္ဂါ အစက် အာမေးနီးယား ဧက ကွာတား ခရိုအေးရှား '
            'စတုရန်းလက်မ ဆားဘီးယား ဆီယာရာလီယွန်း ဆီးရီးယား ဆွစ် ဆွာဇီလန် ဆွီဒင် ဇင်ဘာဘွေ တစ်နာရီလျှင် '
            'တစ်ပုံ တစ်လက်မလျှင် တာ့ခ်မင်နစ္စတန် တူရကီ တွန်ဂါ ဒိန်းမတ် နယူးဇီလန် နိုင်ဂျီးရီးယား နီပေါ '
            'နှင့် ပိုလန် ပြည်ထောင်စု ဖရီစီရန် ဖိလစ်ပိုင် ဗီယက်နမ် ဘရာဇီး ဘူလ်ဂေးရီးယား '
            'ဘော့စနီးယားနှင့် မက်ဆီဒိုးနီးယား မတ် မောရစ်ရှ ယူကရိန်း ယူအက်စ် ရီရယ် ရုရှ လက်တင် လီဆိုသို '
            'လီအိုနီ သန်းတစ်ထောင်ပုံ သို့မဟုတ် သုံးလပတ်ကာလ ဟောင်ကောင် အင်ဒိုနီးရှား အစ္စရေး '
            'အဇာဘိုင်ဂျန် အမေရိက အရည်အောင်စ အရှေ့ အာဂျင်တီးနား အာရဗီ အီဂျစ် အီသီယိုးပီးယား ဩစတြေးလျ '
            'ကင်ညာ ကင်မရွန်း ကန်ဒဲလာ ကမ္ဘာ့ဒြပ်ထု ကမ္ဘာ့လေထု ကမ္ဘာ့အချင်းဝက် ကမ္ဘောဒီးယား ကယ်လ်ဗင် '
            'ကာဂျစ္စတန် ကာဇက်စတန် ကာရစ်ဘီယံ ကိုက် ကိုမိုရိုစ် ကိုမီ ကိုရီးယား ကိုလံဘီယာ ကီလိုကယ်လိုရီ '
            'ကီလိုဂရမ် ကီလိုဂျူးလ် ကီလိုပါစကယ် ကီလိုဘစ် ကီလိုဘိုက် ကီလိုဟတ်ဇ် ကုဗကိုက် ကုဗကီလိုမီတာ '
            'ကုဗစင်တီမီတာ ကုဗပေ ကုဗမိုင် ကုဗမီတာ ကုဗလက်မ ကူဝိတ် ကေမန် ကျပ် ကျူးဘား ကျွန်းစုများ '
            'ကျွန်းနိုင်ငံများ ကြာ ခမာ ခရီ ခုအတွင်း ချက် ချီလီ ခွါးချာ ဂစ်ဂါဘစ် ဂစ်ဂါဘိုက် ဂစ်ဂါဝပ် '
            'ဂရိန် ဂါနာ ဂါလံဝင်ပုံး ဂိုင်ယာနာ ဂီဂါဟတ်ဇ် ဂျမေကာ ဂျီဘရော်လ်တာ ဂျူဒီယို ဂျူးလ် ဂျော်ဒန် '
            'ဂွါတီမာလာ စကင်ဒီနေဗီးယန်း စက္ကန့်နှစ်ထပ်ကိန်း စင်တီဂရိတ် စင်တီမီတာ စင်တီလီတာ စင်္ကာပူ '
            'စတုန် စတုရန်းကိုက် စတုရန်းကီလိုမီတာ စတုရန်းပေ စတုရန်းမိုင် စတုရန်းမီတာ စားပွဲဇွန်း '
            'စိန့်ဟယ်လယ်နာ ဆမိုးအား ဆယ်စု ဆယ်စုနှစ် ဆလိုဗေးနီးယား ဆာဟာရ ဆိုမာလီ ဆိုသို ဆော်မ် '
            'ဆော်လမွန်ကျွန်းစု ဆေးရှဲ ဆွာဟီလီ ဆွဲငင်အား ဇွန် တစ်ကီလိုမီတာရှိ တစ်ဂါလံလျှင် '
            'တစ်စက္ကန့်လျှင် တစ်စင်တီမီတာပါ တစ်စင်တီမီတာလျှင် တစ်စတုရန်းလက်မလျှင် တစ်ဒက်စီလီတာရှိ '
            'တစ်ရာကီလိုမီတာရှိ တစ်လက်မပါ တစ်လီတာရှိ တစ်သန်းပုံ တန် တန်ဇန်းနီးယား တပ်ချွန် တမီးလ် '
            'တယ်ရာဘစ် တယ်ရာဘိုက် တရုတ်ပြည် တိဘက် တိုဘက်ဂို တူနီးရှား တောင်ကိုရီးယား တောင်အာဖရိက တေး '
            'ထရိုအောင်စ ထရီနီဒတ်နှင့် ထိုင်ဝမ် ထောင်လီစိတ် ဒက်စီမီတာ ဒက်စီလီတာ '
        ),
    },
    'ne': {
        'label': 'ne',
        'spaced': True,
        'function': (
        ),
        'content': (
            'पेसो न्युटन भेनेजुएलन टापुहरू सत्रमा आइतबारहरू आइतबारहरूमा टापुहरूका परिक्रमा पृथ्वीको '
            'घण्टामा डलरहरू दिनमा नाउरू पिटाबाइटहरू फ्रेन्च महिनामा मा मिनेटमा वर्षमा सेकेन्डमा सो सोथो '
            'सोमबारहरू सोमबारहरूमा हङकङ हप्तामा अटोमन अलाबामा आइतबारमा आतिकामिको आदिवादीको इयोको एन्को '
            'काइनगाङ काको कालेन्जिन कुआन्यामा कोलोनहरू कोसोभो जमैका जर्मा टाका टारोको टिम्ने टुम्बुका '
            'टेन्ज टेसो नजिमा नामा न्डेबेले न्देबेले पलाउ पालाउवाली पालाटिन पिएडमोन्तेसे प्यानामा '
            'प्रतीकहरू फासो फ्राङ्का फ्राङ्कोनियाली फ्रान्कहरू फ्रैङ्क बिहिबारहरू बिहिबारहरूमा बुधबारमा '
            'बुधबारमाहरूमा बुधबारहरू भागहरू भातुहरू मंगलबारहरू मंगलबारहरूमा मकाउ माकोन्डे मिनाङकाबाउ '
            'मेक्सिको मोनाको मोरोक्को याङ्बेन राज्यहरू रिको रियालहरू लाडिनो वस्तुहरू वायुमण्डलहरू '
            'शनिबारमा शनिबारहरू शनिबारहरूमा शाम्बाला शुक्रबारमा शुक्रबारहरू शुक्रबारहरूमा श्रीलङ्का '
            'सुकुमा स्टर्लिङ '
        ),
    },
    'pa': {
        'label': 'pa',
        'spaced': True,
        'function': (
        ),
        'content': (
            'ਪ੍ਰਤੀ ਮੀ ਮੀਲ ਕਿ ਵਿੱਚ ਇੰਚ ਵਰਗ ਪਹਿਲਾਂ ਲਿ ਫੁੱਟ ਪੌਂਡ ਗੈਲਨ ਔਂਸ ਮੀਟਰ ਮਿ ਟਾਪੂ ਡਾਲਰ ਇੰਪ ਕਿਲੋਮੀਟਰ '
            'ਸਕਿੰਟ ਦੱਖਣੀ ਸੈਂਟੀਮੀਟਰ ਗਜ਼ ਘੰਟਾ ਲਿਟਰ ਵਾਟ ਪੇਸੋ ਉੱਤਰੀ ਤਿਮਾਹੀ ਮਿੰਟ ਸਾਲ ਅਤੇ ਗ੍ਰਾ ਪ੍ਰਕਾਸ਼ ਰੁਪਇਆ '
            'ਸਪੂਨ ਸੈਮੀ ਕਿਮੀ ਕੱਪ ਚੀਨੀ ਡਿਗਰੀ ਪਾਰਾ ਪਿੰਟ ਪੱਛਮੀ ਫ੍ਰੈਂਕ ਮੀਟਰਿਕ ਇਕਾਈ ਇੰਪੀਰੀਅਲ ਪਾ ਪਿਕਸਲ ਮੈ ਸੈਂ '
            'ਸੋਲਰ ਦਾ ਦਿਨ ਦਿਨਾਰ ਬਲ ਯੂ ਰਾਤ ਸੇਂਟ ਅਫ਼ਰੀਕਾ ਅਰਬ ਕੈਲੋਰੀਆਂ ਘੰਟੇ ਪੂਰਬੀ ਬ੍ਰਾਜ਼ੀਲੀਆਈ ਅਮਰੀਕਾ ਏਸ਼ੀਆ '
            'ਕਿਲੋਵਾਟ ਕੈਲੋਰੀ ਕ੍ਰੀ ਗੈ ਚਾਪ ਚੁਸਕੀ ਜਰਮਨ ਡਾਟ ਡਾਟਸ ਡੈਜ਼ਰਟ ਡੈਸੀਲਿਟਰ ਨਿਊਟਨ ਪ੍ਰ ਮਹੀਨਾ ਮਾਸ '
            'ਮਿਲੀਗ੍ਰਾਮ ਮਿਲੀਮੀਟਰ ਮੁਦਰਾ ਯੂਰਪੀ ਰਾਤਾਂ ਰੁਪਏ ਵਾ ਹਫ਼ਤਾ ਹੈ ਅਮਰੀਕੀ ਅਰਜਨਟੀਨੀ ਅਰਬੀ ਐਂਡ ਐਤਵਾਰ ਕੁਆਟ '
            'ਕੇਂਦਰੀ ਗਿਨੀ ਜੂਲ ਨਿ ਨਿਊ ਬਰਤਾਨਵੀ ਬਾਇਟ ਬਿਟ ਬੁਸ਼ਲ ਮਹੀਨੇ ਮੰ ਯੂਰਪ ਰਿਆਲ ਸਟੋਨ ਸਾਮੀ ਹਫ਼ਤੇ ਹਿੱਸਾ '
            'ਅਫ਼ਰੀਕੀ ਅੰਗਰੇਜ਼ੀ ਆਈਟਮ ਐਤਵਾਰਾਂ ਐਸ ਕਰੁਜ਼ਿਰੋਸ ਕਿਲੋਗ੍ਰਾਮ ਕੋਰੀਆਈ ਗ੍ਰਾਮ ਚੁ ਤਿਮਾਹੀਆਂ ਦੱਖਣ ਨੇਪਾਲੀ '
            'ਬਾਰ ਬੁੱਧਵਾਰ ਮਿਲੀਅਨ ਮਿਲੀਮੋਲ ਮੰਗਲਵਾਰ ਰੂਬਲ ਲਾਤੀਨੀ ਵੀਰਵਾਰ ਸਦੀ ਸ਼ਨਿੱਚਰਵਾਰ ਸ਼ਿਲਿੰਗ ਸ਼ੁੱਕਰਵਾਰ '
            'ਸੇਸ਼ਲਸ ਸੈਲਸੀਅਸ ਸੋਮ ਸੋਮਵਾਰ ਸੰਯੁਕਤ ਅਗਿਆਤ ਅਰਥ ਅਰਮੀਨੀਆਈ ਆਈਲੈਂਡਸ ਇਲਾਕਾ ਇਲੈਕਟ੍ਰਾਨਵੋਲਟ ਉੱਤਰ ਐਮ '
            'ਐਮਪੀਅਰ ਐੱਸ ਕਾਂਗੋ ਕਿਲੋਜੂਲ ਕਿਲੋਬਾਇਟ ਕਿਲੋਬਿਟ ਕਿਲੋਹਰਟਜ਼ ਕਿੱਲੋਪਾਸਕਲ ਕਿੱਲੋਮੀਟਰ ਕਿੱਲੋਵਾਟ ਕੁਰਦਿਸ਼ '
            'ਕੇਰਟ ਕੈਂਡੇਲਾ ਕੈਨੇਡੀਅਨ ਕੈਰਟ ਕੈਲਵਿਨ ਖਗੋਲੀ ਗਣਰਾਜ ਗੀ ਗੀਗਾਬਾਇਟ ਗੀਗਾਬਿਟ ਗੀਗਾਵਾਟ ਗੀਗਾਹਰਟਜ਼ '
            'ਗੁਰੂਤਾਕਰਸ਼ਣ ਗ੍ਰੇਨ ਘੇਰਾ ਚਾਂਦੀ ਚੀਨ ਚੁਟਕੀ ਚੁਥਾਈ ਚੱਕਾ ਜਪਾਨੀ ਜਾਂ ਜਾਰਜੀਆਈ ਟਾਈਪੋਗ੍ਰਾਫ਼ਿਕ ਟੀ ਟੇਬਲ '
            'ਟੇਰਾਬਿਟ ਟੈਰਾਬਾਇਟ ਡਾਲਟਨ ਡੈਸੀਮੀਟਰ ਤਰਲ ਤਾਪ ਤੁਰਕੀ ਥਾਈ ਦਸ ਦਹਾ ਦਹਾਕੇ ਦੁਨਮ ਧਰਤੀ ਨਾਰਵੇਜਿਆਈ ਨੈ '
            'ਨੈਨੋਮੀਟਰ ਨੈਨੋਸਕਿੰਟ ਨੋ ਨੋਟੀਕਲ ਨੌਟ ਪਰਮਾਈਲ ਪਰਿਕਰਮਾ ਪਾਕਿਸਤਾਨੀ ਪਾਸੈੱਕ ਪਿ ਪਿਕੋਮੀਟਰ ਪੁਆਇੰਟ '
            'ਪੁਰਤਗਾਲੀ ਪੂ ਪੈਟਾਬਾਇਟ ਪੈਸਕਲ ਪੌਂ ਪ੍ਰਤੀਸ਼ਤ ਫਰਲਾਂਗ ਫਰੈਂਚ ਫਲੁਡ ਫਲੂ ਫ਼ੈਦਮ ਫਾਰੇਨਹਾਈਟ ਬਾ ਬਿਊਫੋਰਟ '
            'ਬੂੰਦ ਬੇਲਾਰੂਸੀ ਬੈਰਲ ਬੋਲੀਵਰ ਬੋਲੀਵੀਆਈ ਭਰ ਭਾਰਤੀ ਮਾਈਕਰੋਗ੍ਰਾਮ ਮਾਈਕਰੋਮੀਟਰ ਮਾਈਕਰੋਸਕਿੰਟ ਮਿਆਂਮਾਰ '
            'ਮਿਲੀਐਮਪੀਅਰ ਮਿਲੀਬਾਰ ਮਿਲੀਲਿਟਰ ਮਿਲੀਵਾਟ ਮਿਲੀਸਕਿੰਟ ਮੈਗਾਪਾਸਕਲ ਮੈਗਾਪਿਕਸਲ ਮੈਗਾਬਾਇਟ '
        ),
    },
    'ps': {
        'label': 'ps',
        'spaced': True,
        'function': (
        ),
        'content': (
            'مخکې ډالر کيلو ټاپوګان اونۍ شنبه جمعه درجې ربعه شپه ټاپوګانو ډيسي سه ثانيې دوشنبه روپۍ '
            'يکشنبه پارې پونډونه کيوبايي دقیقه وړانګې کالونه انچې برتانوې زمکې مۍ هسپانوي ډنمارکي '
            'کروشيايي آيسلېنډي ايتهوپيايي بدلېدونکي بدلېدونکې بنګالۍ بهوټانۍ ترکي جمايکايي درېنۍ دونۍ '
            'دينارې روپيا زرمه سکېنډنيوين شپي فلپاينۍ فلکي قوې لاشې منځنۍ مياشتې ميکسيکن ناروېئي '
            'هالېنډي ورځې وړاندې يونۍ ټرا ټوم ټيرا پانامۍ پينځنۍ څلورمه چلي چنه کينيايي احدې افغانۍ '
            'انګلیسي ايکړز تيونسې دقيقې دلاسې زلوټي ساعتونه شنبې لسيزې لمريزې لومړۍ لوېديځ ميټيکل نمرې '
            'هيکترې ټاکه ټينج پيالې پېسې پېړۍ ځلښتونه کاچوغې کيات ګینه آيرلېنډ ائيرلېنډي امريکې انگيکي '
            'انۍ اوزبکي باسکي بالبوې برېتون بهرنۍ تاجکي تايلېنډي ترکیې توکي خاسې درهمې دقیقې دوديزه '
            'دوشنبې دېش ربعې رنګټې سالوېډور سوريايي سيمې سکاټلېنډي سیمې فرانسې فټونه لارې لکي مالديپي '
            'منخنۍ ميټيکلز ميکسيکي ميکونډي ميکډانلډ ناروۍ نقطې نه نوې نړۍ هالېنډ هالېنډې وارۍ وسطي '
            'وړانګه وېتنامي يکشنبو ټالو ټايپو ټاپوان ټاکاس ټراي ټونګن ټونګو ټينجز ټچون پنجشنبې پياله '
            'پيټکيرن پيړۍ پښتو پښې چارشنبې چيچني چيگايي چېروکي چېکي ډالټن ډومينيکن ډونګ ډوګري ښار کريکي '
            'کلدارې کوانزې کولوګنيايي کيلومتره کيلون کينا کېچوا ګلېشيايي '
        ),
    },
    'si': {
        'label': 'si',
        'spaced': True,
        'function': (
        ),
        'content': (
            'කට පෙර කින් බ් වර්ග මී ක් ඩොලර් ඝන රෑ සැතපුම් ග් දූපත් කිමී ප් අඩි රාත් සහ දකුණු පැය රෑම් '
            'කිලෝ අඟල් ඒකක මයික් අප් ඉම්පීරියල් කිලෝමීටර් රාත්තල් ෆ් අංශක අවුන්ස උතුරු තාප මීටර් යාර '
            'රිය ලී සැ අතුරුපස තත්පර රා එක්සත් රික් අඟලකට අවුස ආලෝකය ඉම්පී කැලරි ට් ඩිනාර් තිත් පවුම් '
            'පික්සල් රෑන්ක් වොට් ශාන්ත සූර්ය කාර් කැල කි කොටස් රංශ රිකාව රී ස් හැතැප්ම අරාබි ගැලුමට ඩ් '
            'දින පැ පැයට බටහිර මධ් මාස මිනිත්තු මීටර රිතාන් රෝ වසර සති හැඳි අක්කර අඟහරුවාදාවන් අධිරා '
            'අවු ආසියාව ඉරිදාවන් කිලෝමීටර කිලෝවොට් කිවො කෝප්ප ගැලුම් චීන ජුල් ටොන් තත් තරල ද් දි නි '
            'නිව්ටන් පයින්ට් පරිභ් පැස්කල් පෘථිවි බදාදාවන් මි මිග් මිමී මිලිග් මෙට් යම රව රසදිය '
            'රහස්පතින්දාවන් රූම වඅ වසෙ වෝල්ට් සඳුදාවන් ස්කන්ධ සිකුරදාවන් සෙ සෙනසුරාදාවන් සෙන්ටිමීටරයකට '
            'හැදී ඇමරිකානු ඇම්පියර ඇමෙරිකාව ඉංග් කැන්ඩෙලා කැනේඩියානු කිවොපැ ගැලු ගැහැ ජනපද තැටි '
            'නැගෙනහිර පෙසෝ බාර් බිකො මා මීටරයට යුරෝපය රි රියාල් රීසි සාමි සැත සි අඟ අරය එම් කාර්තු '
            'කාර්තුව කිලෝග් කී කොරියානු කෝ ගල් ගැ ගිනියානු චයිනිස් ජර්මන් ජූ තත්පරයට දූපත නොදත් පර්ලොම '
            'පෙ පෙබ බලයට බි බුසල් මැ මිනි මිලිමෝල් රුපියල් රේල් රෝයි ලතින් ලියොන් ලීටරය ලීටර් වඅඟ වන '
            'වර්ගයට වර්ෂ ස්පාඤ්ඤ ස්විස් හැන්ද අටති අබ අල් අශ්වබල ආර්මේනියානු ආලෝක ඇබිති ඉලේට් ඔජිබ්වා '
            'ඔස්ට් ඕම් ඕස්ට් කලාපය ක්වාචා ක්වාට් කා කාල කැරට් කිකැලරි කිග් කිජු කිපැස් කිලෝබයිට් '
            'කිලෝබිට් කිලෝහට්ස් කිහස් කෙ කෙල් කෙල්වින් ගිගා ගිගාබයිට් ගිගාබීට් ගිගාහට්ස් ගිවො ගිහස් '
            'චාපතත්පර චාපමිනිත්තු චීනය ජපන් ජූනි ජූලි ටෙරාබයිට් ටෙරාබිට් ඩනම්ස් ඩෙමී ඩෙලි ඩෙලී ඩෙසිමීටර '
            'ඩෝල්ටන් තර තව තායි තිත තේ තේහැදී තෝම් දශක '
        ),
    },
    'sq': {
        'label': 'sq',
        'spaced': True,
        'function': (
        ),
        'content': (
            'të për parë më në orë dollarë dhe këmbë njësi centimetër gradë lugë frangë sekondë metër '
            'dinarë kilometër onsë perëndimore shën sterlinë së vjetër litër lëngshëm natë ditë jardë '
            'javë pikselë pjesë rialë shkëmbyeshme çerekë akër forcë gjelbër gjermanishte krijishte '
            'pikë qendrore samishte bosnjë decilitër egjiptiane frëngjishte gallonë karatë koronë '
            'miligramë minutë shilingë tonë atmosferë bolivisë diellorë dritë fildishtë gjelle guinesë '
            'helenës hercegovinës jashtëm kinezishte lumenë maqedonas molë mërkuri norvegjeze '
            'oxhibuaishte polinezisë përdhjetëmijë përmijë përqind radianë rubël shkallë shkrim '
            'shqiptar sht sishelë solomonë spanjishte ushqimore zelandës afganë algjerian bolivarë '
            'dirhamë dobër dynymë furlongë gjeorgjian gjeorgjiane gjibraltari gramë hektarë hën hënë '
            'imperialë juanë jugorë kilogramë kinezë kinë krishtit kroatisht kuaçë kupë kurdishte '
            'largët leonë lëngshme makasarisht manatë martë masë megapikselë metrikë mikrogramë '
            'milimetër milimolë mër mërkurë ndebelishte norvegjishte parsekë pashë pintë shinikë shtunë '
            'somë sorbishte sotoishte stërlina thjeshtuar tibetisht ugijë uonë virgjër abkazisht '
            'afarisht afrikë afrikës ajmarisht akinezisht alandë aleutisht algjeri algjerianë amarisht '
            'amerikanë amerikë andorrë angikisht angolë angolës anguilë antarktikë antilianë arabisht '
            'aragonezisht aramaishte arapahoisht argjentinë arierë armenisht arubanë arubë asamezisht '
            'asturisht atikamekisht auadhisht australianë azerbajxhanisht bahamezë balinezisht '
            'balkarisht balokishte bambarisht barbadianë basavahisht bashkirisht baskisht batë belgjikë '
            'bembaisht benaisht binisht birë bislamisht bjellorusisht blinisht bolivianë botsvanë '
            'boxhpurisht brahmisht brailisht brazavilë brazilianë bretonisht britanikë buginezisht '
            'buginisht buhidisht bullgarisht burmë butanezë centilitër congaisht dakotisht dalasë '
            'danimarkë darisht decimetër dekadë denarë deseretisht dhjetor dielë ditësh divehisht '
            'dograisht dogribisht dogrisht dominikë dongë drahmë dualaisht dytë efikisht egjipt elenë '
            'elimaisht embuisht eritresë eveisht faroisht filipinisht finlandisht finlandë fixhianisht '
            'flamandisht florinë fonisht forintë formë francë friulianisht '
        ),
    },
    'sr': {
        'label': 'sr',
        'spaced': True,
        'function': (
        ),
        'content': (
            'долара миља рупија острва јединица рубља нови де миље километара пезета ноћ ријал ријала '
            'гвинеја квача мес минута сад сати унце дес живиног земље имп кашичица кванза недеље рубљи '
            'јединице јужна боливијски године квадратних кубна кубних недеља острво рачун рубље силе '
            'тачке француска југословенски анголијска белгијски европске исландска мексички метар '
            'метара ноћи рупије унци уругвајски финансијски центиметар јужни њутн акер америка '
            'британска вијетнамски грузијски дец империјска километру кина конвертибилних метричке '
            'немачка тачка туркменистански турска унца шоља џигера авгани америчка ај гвинејска '
            'гвинејских десертна децилитру замбијска империјалном империјске исти калорија калорије '
            'кашичице квадратне кванзе кванзи километар километра километри месеца месеци метричка '
            'милијарду мозамбијски немачки никарагванска реађустадо саотомска свете сијералеонски '
            'следећи тврда тврди фаренхајта хрватска целзијуса јелене јеменски јуан јуана јужнокорејски '
            'америчке амерички анголијске анголијских аргентинска аустријски белгијска белгијских '
            'белоруске боливијано боливијска боливијских бугарска енглески зимбабвејска зимбабвејски '
            'зимбабвејских империјских ирска источна кваче латвијска латиница лучне марке мађарска '
            'мексичка мексичких метричких минут норвешки ноћу огија оџибва понедељак понедељака '
            'понедељка поноћ пољска република руфија светала светлосне словачка словеначки среда ставке '
            'степен степена тврдих типографске украјинска украјински унидадс уругвајска ујутру '
            'финансијска финансијских фиџијски француских хаићански холандија централна четвртина '
            'четвртка швајцарска шоље шпанске јерменски јрд југословенска југословенских јужноафричка '
            'јужноафрички aвганистански авганистанска авганистански азербејџанских америчких андорска '
            'андорске астрономске атмосфере аустралија аустралијски бајт бира бисао бит боливијана '
            'бразилијски бурундски бутански вијетнамска вијетнамских гамбијски гамбијских гваранија '
            'гвајана грејн грејна грузијска грузијских грузијско даласи даласија делови десертне '
            'десертних деценија деценије доларa државе египатска електронволти еритрејска заирска '
            'замбијске замбијских западноафрички зеленортска инверзиона индијска инти интија ирачки '
            'источнокарипски италијанска италијанске казахстански кашике '
        ),
    },
    'te': {
        'label': 'te',
        'spaced': True,
        'function': (
        ),
        'content': (
            'లు మీ కి డాలర్ క్రితం మై లీ పౌండ్ మి సె లో ఫ్రాంక్ చదరపు ఇంపీరియల్ వా దక్షిణ మరియు మె అం '
            'గ్రా దీనార్ గం దీవులు మైళ్లు గ్యా పెసో క్యూబిక్ మీటర్లు ఉత్తర పి ప్రతి రూపాయి సెం బిట్ '
            'స్పూ సం ఆర్క్ జ్ నా నిమి ప్రాచీన బి రీయల్ షిల్లింగ్ అంగుళానికి గంట పశ్చిమ ఇం తూర్పు సెక '
            'సెయింట్ అడుగులు అమెరికా ఆఫ్రికా కే గి గు చైనీస్ డ్రామ్ పిక్సెల్స్ పెసోలు ఫ్రెంచ్ బైట్ '
            'మెట్రిక్ మైలు మోల్ రూబల్ లైట్ ఐటమ్ ఔన్సులు కిలోమీటర్లు గజాలు గ్యాలన్ టీ న్యూ పావు స్పూన్ '
            'అంగుళాలు అరబిక్ ఆఫ్రికన్ కిలోమీటరు కిలోవాట్ చద జర్మన్ టోమ్ డి న్యూటన్ పా ప్రిన్సిపి మీటరు '
            'రూపాయలు లీటర్లు సావో సుడానీస్ సెంట్రల్ అమెరికన్ ఆది ఆసియా క్యూబన్ క్రీ క్వా గురు ఘనపు '
            'జార్జియన్ డెసర్ట్ తెలియని థెర్మ్ దీవి దీవుల పాద పాదరసం పౌ బారెల్ బార్ బిందువు బుధ '
            'బెలరూసియన్ బోలివర్ బ్రిటిష్ భూమి మౌరిటానియన్ రియల్ లాటిన్ లియోనియన్ వెనుజులా శని శుక్ర '
            'సిఎఫ్ సిరియాక్ సెంటిమీటరుకు సెంటీమీటర్లు సెకన్లు సోమ సౌర స్విస్ ఇంగ్లీష్ ఈజిప్షియన్ '
            'కరీబియన్ క్రొయేషియన్ క్వాచా గంటకు గంటలు చతు డిగ్రీల డునామ్ త్రైమాసికం దినార్ నెదర్లాండ్స్ '
            'పిం ప్ర బిందువులు బిట్లు బ్యూ భాగాలు మంగళ మంగోలియన్ మధ్యమ మయన్మార్ రాత్రి రాత్రులు '
            'రిపబ్లిక్ ల్యాండ్ వం సామి సెకను హంగేరియన్ అంగుళం అజర్బైజాన్ అడుగు అర్జెంటీనా ఆం ఆంపియర్స్ '
            'ఆస్ట్రేలియన్ ఇండోనేషియా ఎమిరేట్స్ ఎలక్ట్రాన్ ఐస్లాండిక్ ఒగ్యియా ఔన్సు కప్పులు కాంతి కువైట్ '
            'కెనడియన్ కేప్ కేమాన్ కేలరీలు కొరియా కోస్టా క్రొత్త క్రోనర్ క్రోనా క్రోన్ గినియా గ్యాలన్లు '
            'చెక్ చైనా జాంబియన్ జౌ టన్ను టన్నులు టొబాగో ట్రినిడాడ్ డానిష్ డోబ్రా తైవాన్ త్రై త్రైమా '
            'ద్రవ్యరాశులు నిమిషాలు నైజీరియన్ న్యూజిలాండ్ పర్షియన్ పహ్లావి పింట్లు పోలిష్ పౌండ్లు ఫా '
            'ఫాక్ బల్గేరియన్ బహ్రెయిన్ బిలియన్ బు బుషెల్ బోస్నియా మలేషియా మిల్లీ మిల్లీగ్రాములు '
            'మిల్లీమోల్ మెక్సికన్ మే మైలుకు యూరోప్ రష్యన్ లిపి లీటరు లీటర్ వాట్ వోల్ట్స్ శు శ్రీలంక '
            'సంవత్సరాలు సింగపూర్ సెర్బియన్ సెల్సి సౌమ్ స్పానిష్ స్పూన్లు స్వీడిష్ హాంకాంగ్ హెలెనా '
        ),
    },
    'tg': {
        'label': 'tg',
        'spaced': True,
        'function': (
        ),
        'content': (
            'песои ҷанубӣ африқои шимолӣ марказӣ ҷазираи шарқӣ осиёи америкаи гурҷӣ иенаи квачаи лотинӣ '
            'албанӣ алҷазоир арабӣ баҳрайн бразилиягӣ британӣ камбоҷа минтақаи мисрӣ самӣ саудӣ судони '
            'тайӣ тоҷикистон украинӣ фиҷи хитоӣ шведӣ японӣ аврупоӣ анъанавӣ арманӣ балбоаи боливянои '
            'болоӣ гондӣ гривнаи гуҷаротӣ дирҳами добраи канадагӣ конвертатсияшавандаи кордобаи кореягӣ '
            'кронаи кунаи лираи маркаҳои мероитӣ моҳ муттаҳида муғулӣ найраи накфаи осонфаҳм офшорӣ '
            'паангаи патакаи паҳлавии пулаи рӯз соли сомалӣ талаи тамилӣ тангаи тибетӣ черокӣ шекелҳои '
            'юнонӣ ҳаити ҳафта ҳиндустонӣ авестоӣ австралиягӣ австриягӣ адламӣ аксентҳо аломатнависӣ '
            'аломатҳо америкоӣ аморатҳои амҳарӣ анатолӣ англисӣ африкаи африқо ахомӣ балинесӣ балинӣ '
            'бамумӣ бангладешӣ баскӣ батакӣ белорусӣ бинғолӣ бирманӣ бопомофоӣ босниягӣ брахмӣ бретонӣ '
            'бугинӣ бухидӣ вайӣ вахӣ ветнамӣ виткукӣ галисиягӣ гвианаи гуаранӣ гумрухӣ гурҷистон '
            'даниягӣ дар деванагарӣ дуплоянӣ забонӣ завгӯйӣ занабазорӣ ибронӣ империалӣ индонезӣ '
            'инуктитутӣ ирландӣ исландӣ испанӣ италиявӣ иттиҳоди кавӣ канурӣ карианӣ каталонӣ кашмирӣ '
            'кипрӣ китонӣ конканӣ коптӣ корсиканӣ креолӣ курдӣ кхмерӣ кшитӣ лаосӣ латишӣ лаҳистон '
            'лаҳистонӣ литвонӣ макасарӣ малагасӣ малайӣ малтӣ манипурӣ манихейӣ маорӣ маратҳӣ марианаи '
            'маршенӣ марӣ махаҷанӣ мақдунӣ маҷорӣ медефаидринӣ мексикоӣ метрӣ миноанӣ минтақаҳои миёна '
            'модӣ моҳок мултанӣ мундарӣ муттаҳид муттаҳидаи набатаинӣ нагрӣ нандинагарӣ насталиқӣ '
            'немисӣ непалӣ низоми норвегӣ озарбойҷонӣ окситанӣ осейҷӣ османияӣ панҷобӣ португалӣ поёнӣ '
            'псалтирӣ ретороманӣ реҷанг риёзӣ руминӣ руникӣ самаританӣ самоаи санталӣ сахараи сербӣ '
            'сингалӣ синдӣ сунданезӣ тагалогӣ такрӣ тонганӣ тоҷикӣ туркманӣ туркӣ угаритӣ умумӣ '
            'фаластинӣ фарерӣ филиппинӣ финикӣ финӣ форсӣ франсузӣ фулаҳ ханифӣ хароштӣ хмерӣ '
            'хоразмиёнӣ хорватӣ худовадӣ чамӣ чехӣ чикӣ шавианӣ шаҳри шоҳигарии штатҳои эмоҷи эстонӣ '
            'юйӣ ягонаи язидӣ яҳудӣ қаламравҳои ҳавайӣ ҳангул ҳауса ҳерд ҳереро ҳилигайнон ҳинд '
            'ҳиндустон ҳиндӣ '
        ),
    },
    'th': {
        'label': 'th',
        'spaced': False,
        'function': (
            'กล่าว กว่า กัน กับ การ ก่อน ขณะ ขอ ของ ขึ้น คง ครั้ง ความ คือ จะ จัด จาก จึง ช่วง ซึ่ง ดัง '
            'ด้วย ด้าน ตั้ง ตั้งแต่ ตาม ต่อ ต่าง ต่างๆ ต้อง ถึง ถูก ถ้า ทั้ง ทั้งนี้ ทาง ที่ ที่สุด ทุก '
            'ทํา ทําให้ นอกจาก นัก นั้น นี้ น่า นํา บาง ผล ผ่าน พบ พร้อม มา มาก มี ยัง รวม ระหว่าง รับ '
            'ราย ร่วม ลง วัน ว่า สุด ส่ง ส่วน สําหรับ หนึ่ง หรือ หลัง หลังจาก หลาย หาก อยาก อยู่ อย่าง '
            'ออก อะไร อาจ อีก เขา เข้า เคย เฉพาะ เช่น เดียว เดียวกัน เนื่องจาก เปิด เปิดเผย เป็น '
            'เป็นการ เพราะ เพื่อ เมื่อ เรา เริ่ม เลย เห็น เอง แต่ แบบ แรก และ แล้ว แห่ง โดย ใน ให้ ได้ '
            'ไป ไม่ ไว้ ้ง '
        ),
        'content': (
            'ตร กม ลบ ไมล์ ชม ในอีก ไตรมาส ฟุต ซม นิ้ว วิ กิโลวัตต์ คืน หลา ใน ชั่วโมง ปอนด์ สัปดาห์ '
            'อังกฤษ กะรัต กิโลเมตร ดล นาที ปี มก มม วัน เดือน แกลลอน แคลอรี แสง กลางคืน ช้อนขนม บ่าย '
            'วินาที สเปน อีก เอเคอร์ กก คองโก ฝรั่งเศส พฤ ลิตร สหราชอาณาจักร ออนซ์ อา อาหรับ '
            'แกลลอนอังกฤษ และ โปรตุเกส กิโลจูล ครูเซโรบราซิล คว จอร์เจีย จิกเกอร์ จุด จูล ชต ซล ซอลเปรู '
            'ซีเรีย ญี่ปุ่น ดม ดอท ดอลลาร์ซิมบับเว ดอลลาร์สหรัฐ ดูนัม ตัน ทศวรรษ นอต นาโนวิ นิ้วปรอท '
            'บาร์ บิต ปรอท ปีแสง พม่า พาร์เซก พิลิปดา พิโกเมตร ฟรังก์เบลเยียม มคก มล มลม มองโกเลีย มิ '
            'มิลลิบาร์ มี ยุโรป รอบ รายการ ลักซ์ ลาว ลิปดา วัตต์ ศตวรรษ สตพล สตล หยด หยิบมือ หรือ '
            'อาร์เมเนีย ฮล เกรน เที่ยง เธิร์ม เปเซตาสเปน เปโซอาร์เจนตินา เม เมกะลิตร เมตร เมตริก '
            'เม็กซิโก เรเดียน เฮกตาร์ เฮอร์เซโกวีนา แคนาดา แรงม้า แอมป์ แอลเบเนีย โครเอเชีย โมล ไทย '
            'ไบต์ ไพนต์ ไมล์ทะเล กรัม กรีก กรีนแลนด์ กว กวานซาแองโกลา กันนาดา การเงิน กิกะบิต กิกะวัตต์ '
            'กิกะเฮิรตซ์ กิกะไบต์ กินี กิโลกรัม กิโลบิต กิโลปาสกาล กิโลเมตรต่อชั่วโมง กิโลเฮิรตซ์ '
            'กิโลแคลอรี กิโลไบต์ ก่อนเที่ยง ครี ควอร์ต ควอร์ตอังกฤษ ควาชาแซมเบีย ความสว่างดวงอาทิตย์ '
            'คอปติก คุชราต จักม่า จันทร์ จีน จุดต่อนิ้ว จุดต่อเซนติเมตร ชวา ชั่วโมงต่อ ชาด '
            'ชิลลิงยูกันดา ช้อนชา ช้อนโต๊ะ ซลอตีโปแลนด์ ซามัว ซุนดา ดองเวียดนาม ดอบราเซาตูเมและปรินซิปี '
            'ดัลตัน ดีนาร์มาซิโดเนีย ตองกา ตากาล็อก ตารางกิโลเมตร ตารางฟุต ตารางหลา ตารางเซนติเมตร '
            'ตารางเมตร ตารางไมล์ ตุรกี ตูวาลู ถ้วย ถ้วยเมตริก ทมิฬ ทรอยออนซ์ ทิเบต นอร์เวย์ นาอูรู '
            'นาโนวินาที นาโนเมตร นิวตัน นิวตันเมตร บรรยากาศ บราซิล บลิสซิมโบลส์ บัลแกเรีย บาร์เรล บาหลี '
            'บิสเซา บุชเชล บุรุนดี บูกิส ปอนด์ต่อตารางนิ้ว ปาสกาล ปาเลา พฤหัส พิกเซล พิกเซลต่อนิ้ว '
            'พิกเซลต่อเซนติเมตร ฟลูอิดออนซ์ ฟลูอิดออนซ์ระบบอิมพีเรียล ฟาทอม ฟิจิ ฟินิเชีย ฟินแลนด์ '
            'ฟิลิปปินส์ มวลของโลก มวลดวงอาทิตย์ มอลตา มอลโดวา มากัววา มานัตอาเซอร์ไบจาน '
            'มานัตเติร์กเมนิสถาน มาลายาลัม มิลลิกรัม มิลลิกรัมต่อเดซิลิตร มิลลิลิตร มิลลิวัตต์ '
            'มิลลิวินาที มิลลิเมตร มิลลิเมตรปรอท มิลลิแอมป์ มิลลิแอมแปร์ มิลลิโมลต่อลิตร ยิว ยูกันดา '
            'ยูการิต ยูเครน รวันดา รัศมีของโลก รัศมีวงกลมของดวงอาทิตย์ รัสเซีย รูเบิลรัสเซีย '
            'รูเบิลเบลารุส ละติน ละตินอเมริกา ลักเซมเบิร์ก ลัตเวีย ลาติน ลิตรต่อ '
        ),
    },
    'tt': {
        'label': 'tt',
        'spaced': True,
        'function': (
        ),
        'content': (
            'утраулары доллары долларлары көньяк яңа франклары төньяк динарлары нче кытай үзәк гарәп '
            'көнбатыш көнчыгыш берләшкән риаллары рупиясе конвертацияләнә рупияләре сан чәр шиллингы '
            'җом гарәбстаны дүшәмбе мисыр пәнҗешәмбе сишәмбе төбәге төркия төркмәнстан франциянең '
            'чәршәмбе шимбә якшәмбе җомга үзбәкстан әмирлекләре аръягы безнең гадиләштерелгән диңгез '
            'донгы идарәле инглизчәсе кинасы леоннары паангасы сүрия сәг таласы территорияләре '
            'җәмгыятьләре әзербайҗан әзәрбайҗан америкасы ариарияләре ариариясе бальбоалары британиянең '
            'бырлары бәхрәйн ватлары гурдлары гыйн гыйнвар гыйрак дөнья ел елдан злотыйлары иенасы '
            'кетсалы кече киплары колоннары кордовалары кунасы куннары кьятлары көн көннән көньякта '
            'көньяктагы ларилары лотислары метикаллары милләтләр найралары накфасы полинезиясе '
            'псевдоакцентлар пулалары пәнҗаби реалы риеллары руфияләре руфиясе самоасы соллары '
            'сомонилары сәгать сәгатьтән сөләйман такасы татар таҗик телугу территориясе томеһәм '
            'тугриклары түбән тәңкәләре тәңкәсе төбәк төньяктагы төрек төрекмән уйгыр фәләстин читтәге '
            'шекельләре эскудолары язусыз үзбәк '
        ),
    },
    'uz': {
        'label': 'uz',
        'spaced': True,
        'function': (
        ),
        'content': (
            'qoshiq rupiyasi markaziy unsiya osiyo unsiyasi yil bayt birlashgan gigabayt kilobayt '
            'megabayt petabayt selsiy terabayt yili gʻarbiy iroq polineziyasi qo rossiya shvetsiya '
            'uqiyasi yildan afgʻoniston boʻgʻin elementlar fransiya galisiy garsiya gravitatsiya '
            'gretsiya jamo lyusiya malagasiy millatlar mintaqa mintaqasi nastaʼliq okeanidagi '
            'oʻzbekiston qamar qirgʻizcha qirgʻiziston qozog qozogʻiston qozoqcha quvayt soddalashgan '
            'tarkibi umumiy '
        ),
    },
    'yi': {
        'label': 'yi',
        'spaced': True,
        'function': (
        ),
        'content': (
            'אינזלען איבער דרום אַזיע אַמעריקע אַלט אייראפּע מזרח ענגליש גינע מערב פֿאַר אמעריקאנער '
            'דאנערשטיק יען מערץ צענטראַל אַפּריל אַפֿריקע אַראַביש אַרום אומבאַוואוסטע אונטער אין '
            'אינדישער איריש אקטאבער גויאַנע דאלאר דעצעמבער יאַנואַר יאפאנעזישער כינעזישער נאוועמבער '
            'נארוועגיש סעפּטעמבער פּאלינעזיע פּערסיש פֿאַראייניגטע פֿידזשי פֿלעמיש פֿראַנצויזיש '
            'פֿראַנצויזישע קאנגא קראאַטיש רוסישער אַזערביידזשאַניש אַלבאַניע אַלבאַניש אַמהאַריש '
            'אַנגאלע אַנדארע אַנטאַרקטיקע אַנטיגוע אַסאַמיש אַפּר אַפֿאַר אַפֿגהאַניסטאַן אַפֿריקאַנישע '
            'אַפֿריקאַנס אַקאַדיש אַראַגאניש אַראַמיש אַרגענטינע אַרובאַ אַרמעניע אַרמעניש אוגאַנדע '
            'אויג אויסטראַליע אומבאַוואוסטער אונגעריש אונגערן אוקראַינע אוראַלט אידא איטאַליע '
            'איטאַליעניש אייבער איירא אייראפּעישער אינדאנעזיע אינדאנעזיש אינדיע אינדישע איסלאַנד '
            'איסלאַנדיש איראַן אירלאַנד אקט אקעאַניע באַהאַמאַס באַלינעזיש באַנגלאַדעש באַסקיש '
            'באַרבאַדאס באַרבודע באליוויע באסניע באצוואַנע בארטן בהוטאַן בולגאַריע בולגאַריש ביסאַו '
            'בירמאַניש בעלאַרוס בעלגיע בענגאַליש בענין בײַעריש גַלחיש גאַבאן גאַלישיש גאַמביע גאטיש '
            'גאלד גהאַנע גוואַדעלופ גוואַטעמאַלע גוואַם גיבראַלטאַר געליש גערנזי גריכנלאַנד גרינלאַנד '
            'דאלאַר דאלארן דאמיניקאַנישע דאמיניקע דזשאַמייקע דזשיבוטי דזשערזי דייטשלאַנד דעוואַנאַגאַרי '
            'דעניש דענמאַרק דײַטש האַוסאַ האַיטי האלאַנד האלענדיש האנדוראַס העלענע העלפֿאַ הערצעגאווינע '
            'וואַטיקאַן וואַלוטע וואַנואַטו וואלאַפּוק וויעטנאַם וויעטנאַמעזיש וועלט וועלשיש זאַמביע '
            'זילאַנד זילבער זימבאַבווע זשאלא טאַמיל טאַנזאַניע טאָג טאָטעריש טאבאַגא טאגא טאמע טאנגאַ '
            'טורקמעניסטאַן טיילאַנד טעג טערקיי טערקיש טשאַד טשעכיי טשעכיש יאַוואַנעזיש יאַנ יאַפּאַן '
            'יאַפּאַניש יאפאנעזישע ישראל כינע כינעזישע כמער לאַא לאַאס לאַדינא לאַטיין לאזשבאָן ליביע '
            'ליבעריע ליטע לעטלאַנד מאַאריש מאַדאַגאַסקאַר מאַיאט מאַלאַווי מאַלאַיאַלאַם מאַלדיוון '
            'מאַלטאַ מאַלטעזיש מאַלי מאַלייזיע מאַנקס מאַקעדאניש מאַראקא מאַרטיניק מאַריטאַניע מאַרינא '
            'מאַרשאַל מאלדאווע מאנאַקא מאנגאליי מאנגאליש מאנטסעראַט מאנטענעגרא מיאַנמאַר מעקסיקע '
            'נאַמיביע נאַפּאליטַניש נאָכמיטאָג נאוו נארדסאַמיש נארוועגיע נדביין ניגעריע נידערדײַטש '
            'ניזשער ניקאַראַגוע נעפּאַל נעפּאַליש סאַלוואַדאר סאַמאאַ סאַמאאַניש סאַן סאַנסקריט סאלאמאן '
            'סאמאַליע סאמאַליש סוואַזילאַנד סט סיישעל סינגאַפּור סיערע סיריע סלאַוויש סלאוואַקיי '
            'סלאוואַקיש סלאוועניע סלאוועניש '
        ),
    },
}
