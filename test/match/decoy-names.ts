/**
 * Common given names and surnames of many origins, and ordinary company
 * words, for decoys: names of people and firms that are not on any list.
 * Written down for this test from general knowledge of frequent names.
 */
const list = (text: string): string[] => text.trim().split(/\s+/u);

export const NAME_POOLS: Record<string, { given: string[]; family: string[] }> = {
  anglo: {
    given: list(`James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara Richard Susan Joseph
      Jessica Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa Matthew Betty Anthony Sandra Mark Ashley Donald
      Emily Steven Donna Andrew Michelle Joshua Carol Kevin Amanda Brian Melissa George Deborah Timothy Stephanie Ryan`),
    family: list(`Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson Martin Lee
      Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker Nelson
      Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris Murphy Cook Rogers
      Morgan Cooper Peterson Bailey Reed Kelly Howard Cox Ward Richardson Watson Brooks Wood Bennett Gray Hughes Price`),
  },
  hispanic: {
    given: list(`Jose Juan Luis Carlos Jorge Miguel Pedro Manuel Francisco Antonio Javier Alejandro Fernando Ricardo Eduardo
      Maria Guadalupe Ana Rosa Carmen Laura Sofia Isabel Lucia Elena Patricia Adriana Gabriela Veronica Alicia Diego
      Raul Sergio Andres Pablo Rafael Hector Mario Oscar Ramon Victor Marisol Paola Daniela Valeria Camila Ximena`),
    family: list(`Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz
      Reyes Morales Cruz Ortiz Gutierrez Chavez Ramos Ruiz Alvarez Mendoza Castillo Jimenez Vasquez Moreno Romero
      Herrera Medina Aguilar Vargas Castro Guzman Fernandez Rojas Navarro Dominguez Silva Delgado Soto Contreras Luna`),
  },
  chinese: {
    given: list(`Wei Fang Min Jing Li Jun Yan Hui Yong Lei Jie Tao Ming Qiang Ping Hua Xiu Ying Hong Xin Bo Hao Yu Chen
      Zhiwei Xiaoming Jianguo Haiyan Xiaoyan Guoqiang Lihua Yifan Zihan Yuxuan Haoran Mengyao Jiahui Xinyi Shuang`),
    family: list(`Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Zheng Liang Xie Song
      Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye Cheng Wei Su Lu Ding Ren Shen Yao`),
  },
  korean: {
    given: list(`Minjun Seoyeon Jiho Seojun Haeun Doyoon Jiwoo Yejun Sua Jimin Hyunwoo Eunji Sungmin Younghee Jisoo
      Dongwook Minseo Jaehyun Soyeon Taeyang Hyejin Junho Yuna Seungho Mijin Kyungsoo Jinwoo Hana Sangwoo Eunbi`),
    family: list(`Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong Jeon Ko Moon
      Yang Son Bae Baek Heo Nam Noh`),
  },
  vietnamese: {
    given: list(`Anh Minh Huy Khoa Tuan Duc Long Nam Quang Thanh Hieu Phuong Linh Trang Huong Mai Lan Thu Ngoc Hanh Hoa
      Dung Thao Vy Quynh Bao Khanh Tien Hung Son`),
    family: list(`Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Dinh Truong Lam Mai Trinh Cao`),
  },
  indian: {
    given: list(`Aarav Vivaan Aditya Vihaan Arjun Sai Reyansh Krishna Ishaan Rohan Rahul Amit Sanjay Vijay Suresh Ramesh
      Priya Ananya Diya Aadhya Isha Kavya Pooja Neha Sneha Divya Lakshmi Sunita Anjali Deepika Meera Ravi Anil Sunil`),
    family: list(`Sharma Verma Gupta Singh Kumar Patel Shah Reddy Rao Nair Iyer Menon Pillai Das Joshi Mehta Jain Agarwal
      Chopra Malhotra Kapoor Bhat Mishra Pandey Yadav Chauhan Desai Kulkarni Banerjee Chatterjee Mukherjee Bose Ghosh`),
  },
  arabic: {
    given: list(`Mohammed Ahmed Ali Omar Youssef Khaled Hassan Hussein Ibrahim Mahmoud Mustafa Tariq Karim Samir Walid
      Fatima Aisha Mariam Layla Nour Huda Salma Rania Yasmin Zainab Amal Hala Dina Reem Sara Faisal Nasser Majed Rami`),
    family: list(`Haddad Khoury Mansour Nasser Saleh Hamdan Khalil Aziz Rahman Farouk Qasim Darwish Habib Jaber Issa Bakr
      Shaker Salem Odeh Sabbagh Toumi Benali Amrani Belkacem Haddadi Zaki Fahmy Sharif Naguib Badawi Mubarak Kanaan`),
  },
  nigerian: {
    given: list(`Chinedu Emeka Oluwaseun Tunde Ifeanyi Chukwuemeka Obinna Adebayo Babatunde Olumide Kelechi Nnamdi Femi
      Ngozi Chioma Adaeze Funmilayo Yetunde Amaka Nkechi Folasade Blessing Temitope Bukola Uchenna Ikenna Segun Kunle`),
    family: list(`Okafor Okeke Eze Nwankwo Adeyemi Adebayo Okonkwo Nwosu Olawale Ogunleye Balogun Adeleke Ibekwe Chukwu
      Obi Onyeka Akinola Afolabi Oyelaran Ogunbanjo Nnaji Uzor Ajayi Oladipo Babalola Ezeh Anyanwu Okoro Bello Musa`),
  },
  slavic: {
    given: list(`Ivan Dmitry Sergei Alexei Nikolai Mikhail Andrei Vladimir Pavel Oleg Yuri Igor Anna Olga Elena Natalia
      Tatiana Irina Svetlana Ekaterina Marina Yulia Piotr Tomasz Katarzyna Agnieszka Jan Pavlo Bohdan Oksana Milan`),
    family: list(`Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov Alekseev
      Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev Kowalski Nowak Wisniewski Wojcik Kaminski Shevchenko
      Bondarenko Kovalenko Tkachenko Horvat Novak Dvorak Petrovic Jovanovic`),
  },
  other: {
    given: list(`Hiroshi Yuki Takeshi Haruka Kenji Sakura Mehmet Ayse Mustafa Emine Lars Ingrid Sven Astrid Giuseppe
      Giulia Marco Francesca Hans Ursula Klaus Sabine Pierre Camille Jean Chloe Kofi Ama Juma Amina Tendai Thabo`),
    family: list(`Sato Suzuki Takahashi Tanaka Watanabe Yamamoto Nakamura Yilmaz Kaya Demir Sahin Celik Andersen Hansen
      Johansson Nilsson Rossi Russo Ferrari Esposito Bianchi Muller Schmidt Schneider Fischer Weber Dubois Lefebvre
      Moreau Mensah Boateng Mwangi Otieno Moyo Dlamini Nkosi`),
  },
};

/** Company decoys: first word x second word x legal form. */
export const COMPANY_WORDS = {
  first: list(`Blue Green Silver Golden Northern Riverside Summit Pioneer Harbor Maple Oak Cedar Pine Granite Coastal
    Evergreen Sunrise Lakeside Highland Prairie Redwood Bright Clear Swift Keystone Liberty Heritage Meadow Crescent
    Beacon Atlas Apex Horizon Cobalt Falcon Orchard Willow Birch Sterling Copper`),
  second: list(`Bakery Dental Plumbing Roofing Landscaping Accounting Analytics Robotics Apparel Furniture Printing
    Catering Brewing Realty Insurance Pharmacy Veterinary Software Consulting Logistics Design Media Builders Motors
    Textiles Foods Outfitters Labs Studios Clinic Farms Energy Partners Ventures Systems Cafe Florists Optics Acoustics`),
  legal: list(`Inc. LLC Ltd. Co. GmbH Corp. PLC Pty S.A. LLP AB Oy BV`),
};
