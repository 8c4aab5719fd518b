create table workspace (id varchar(36) primary key, name varchar(200) not null);
